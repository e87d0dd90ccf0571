#include "integrations/mail_in/html_text.hpp"

#include <libxml/HTMLparser.h>

#include <array>
#include <cstring>
#include <memory>

namespace shiftdesk::integrations {
namespace {

struct DocFree {
    void operator()(htmlDocPtr doc) const { xmlFreeDoc(doc); }
};

bool Is(const xmlNode* node, std::initializer_list<const char*> names) {
    const auto* name = reinterpret_cast<const char*>(node->name);
    for (const char* n : names)
        if (strcasecmp(name, n) == 0) return true;
    return false;
}

class TextWriter {
public:
    void Walk(const xmlNode* node) {
        for (; node; node = node->next) {
            if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
                Words(reinterpret_cast<const char*>(node->content));
            } else if (node->type == XML_ELEMENT_NODE) {
                if (Is(node, {"script", "style", "head", "title", "template"})) continue;
                const bool paragraph = Is(node, {"p", "ul", "ol", "table", "blockquote", "pre", "hr", "h1", "h2",
                                                 "h3", "h4", "h5", "h6", "dl"});
                const bool line = Is(node, {"div", "li", "tr", "section", "article", "header", "footer", "address",
                                            "dt", "dd"});
                if (Is(node, {"br"})) NewLine();
                if (paragraph) BlankLine();
                if (line) EndLine();
                if (Is(node, {"td", "th"}) && !AtLineStart()) space_pending_ = true;
                Walk(node->children);
                if (paragraph) BlankLine();
                if (line) EndLine();
            }
        }
    }

    std::string Take() {
        while (!out_.empty() && out_.back() == '\n') out_.pop_back();
        return std::move(out_);
    }

private:
    bool AtLineStart() const { return out_.empty() || out_.back() == '\n'; }

    // A line ends: nothing when one just did.
    void EndLine() {
        space_pending_ = false;
        if (!AtLineStart()) out_ += '\n';
    }
    // A <br>: always a new line, but at most one blank line in a row.
    void NewLine() {
        space_pending_ = false;
        if (out_.empty() || out_.ends_with("\n\n")) return;
        out_ += '\n';
    }
    // Paragraphs and lists stand apart by one blank line.
    void BlankLine() {
        EndLine();
        NewLine();
    }

    void Words(const char* text) {
        if (!text) return;
        for (const char* p = text; *p; ++p) {
            const unsigned char c = static_cast<unsigned char>(*p);
            const bool nbsp = c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || nbsp) {
                if (nbsp) ++p;
                if (!AtLineStart()) space_pending_ = true;
                continue;
            }
            if (space_pending_) out_ += ' ';
            space_pending_ = false;
            out_ += *p;
        }
    }

    std::string out_;
    bool space_pending_ = false;
};

}  // namespace

std::string HtmlToText(std::string_view html) {
    if (html.empty()) return {};
    constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                             HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
    std::unique_ptr<xmlDoc, DocFree> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
    if (!doc) return {};
    TextWriter writer;
    writer.Walk(doc->children);
    return writer.Take();
}

}  // namespace shiftdesk::integrations
