#include "integrations/mail_in/header_repair.hpp"

namespace shiftdesk::integrations {
namespace {

// Lines of junk skipped before the first header; past this the text is not a message.
constexpr int kMaxLeadingJunkLines = 5;

std::string_view WithoutLineEnd(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    return line;
}

// Calls `visit(line, text)` for each line of `raw` (with and without its line end) until it returns false; returns
// the offset where it stopped.
template <class Visit>
std::size_t ForEachLine(std::string_view raw, Visit visit) {
    std::size_t pos = 0;
    while (pos < raw.size()) {
        auto end = raw.find('\n', pos);
        end = end == std::string_view::npos ? raw.size() : end + 1;
        const std::string_view line = raw.substr(pos, end - pos);
        if (!visit(line, WithoutLineEnd(line))) return pos;
        pos = end;
    }
    return pos;
}

// Whether a header line comes after the run of unindented non-header lines that starts `rest`, before the header
// block ends.
bool HeaderFollows(std::string_view rest) {
    bool found = false;
    ForEachLine(rest, [&](std::string_view, std::string_view text) {
        if (text.empty()) return false;
        found = IsHeaderStart(text);
        return !found;
    });
    return found;
}

}  // namespace

bool IsHeaderStart(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] > 32 && line[i] < 127 && line[i] != ':') ++i;
    return i > 0 && i < line.size() && line[i] == ':';
}

std::optional<std::string> RepairHeaders(std::string_view raw) {
    std::string out;
    bool changed = false;
    bool seen_header = false;
    bool not_a_message = false;
    int junk = 0;
    std::size_t offset = 0;
    const std::size_t stop = ForEachLine(raw, [&](std::string_view line, std::string_view text) {
        const std::size_t here = offset;
        offset += line.size();
        if (text.empty()) return false;  // the end of the header block
        if (IsHeaderStart(text) || (seen_header && (text.front() == ' ' || text.front() == '\t'))) {
            seen_header = true;
            out.append(line);
        } else if (seen_header && HeaderFollows(raw.substr(here))) {
            out += ' ';  // an unfolded continuation between two headers: fold it
            out.append(line);
            changed = true;
        } else if (seen_header) {
            return false;  // the body starts here without its blank line, and the parser reads it so
        } else if (++junk <= kMaxLeadingJunkLines) {
            changed = true;  // junk before the first header: dropped
        } else {
            not_a_message = true;
            return false;
        }
        return true;
    });
    if (!changed || not_a_message) return std::nullopt;
    out.append(raw.substr(stop));
    return out;
}

}  // namespace shiftdesk::integrations
