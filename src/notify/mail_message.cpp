// Renders outbound mail (RFC 5322, MIME multipart/alternative, RFC 2047 headers, quoted-printable bodies).
// Pure functions over their arguments; thread-safe.
#include "notify/mail_message.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <cstdio>

#include "common/text.hpp"

namespace shiftdesk::notify {
namespace {

// RFC 5322 2.1.1 asks for lines of at most 78 characters; staying at 76 (the RFC 2045 limit for quoted-printable)
// keeps every line, CRLF included, within 78 octets.
constexpr std::size_t kMaxLine = 76;
constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 2
constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kCharset = "UTF-8";

bool IsAtext(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsDotAtom(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) return false;
    for (const char c : s) {
        if (c != '.' && !IsAtext(c)) return false;
    }
    return true;
}

bool IsDomainLabel(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) return false;
    }
    return true;
}

// Replaces each ill-formed UTF-8 sequence with U+FFFD, so encoded words split on character boundaries and the
// declared charset is true.
std::string ValidUtf8(std::string_view s) {
    if (IsValidUtf8(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 1;
        if (c >= 0xC0 && c < 0xE0) {
            len = 2;
        } else if (c >= 0xE0 && c < 0xF0) {
            len = 3;
        } else if (c >= 0xF0 && c < 0xF8) {
            len = 4;
        }
        if (c >= 0x80 && (len == 1 || i + len > s.size() || !IsValidUtf8(s.substr(i, len)))) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

// One line of header text: control characters (CR and LF above all) become spaces, so no value can end its header
// and start another; outer whitespace goes, as unfolding would drop it anyway.
std::string HeaderText(std::string_view s) {
    std::string out = ValidUtf8(s);
    for (auto& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) c = ' ';
    }
    return std::string(Trim(out));
}

bool IsAscii(std::string_view s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

std::size_t Utf8SequenceLength(char lead) {
    const auto c = static_cast<unsigned char>(lead);
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

std::string Base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += kAlphabet[n >> 6 & 63];
        out += kAlphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += rest == 2 ? kAlphabet[n >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

std::string EncodedWord(std::string_view bytes) { return "=?" + std::string(kCharset) + "?B?" + Base64(bytes) + "?="; }

std::size_t EncodedWordLength(std::size_t bytes) { return kCharset.size() + 7 + (bytes + 2) / 3 * 4; }

// Writes one header field, folding (CRLF SP) between tokens so lines stay within kMaxLine. A token is never split;
// one longer than a line (a 200-octet address) is written whole, as no fold inside it would keep its meaning.
class HeaderWriter {
 public:
    explicit HeaderWriter(std::string_view name) : out_(name), line_(name.size() + 1) { out_ += ':'; }

    // Room for a token after a space on the current line.
    std::size_t Room() const { return line_ + 1 < kMaxLine ? kMaxLine - line_ - 1 : 0; }

    // Adds " token", folding first when it would not fit. Never folds a line that holds only white space (RFC 5322
    // 3.2.2), so an empty token (a run of two spaces) stays on its line.
    void Add(std::string_view token) {
        if (!token.empty() && line_ + 1 + token.size() > kMaxLine && line_has_text_) {
            out_ += kCrlf;
            line_ = 0;
            line_has_text_ = false;
        }
        out_ += ' ';
        out_ += token;
        line_ += 1 + token.size();
        if (!token.empty()) line_has_text_ = true;
    }

    std::string Finish() && {
        out_ += kCrlf;
        return std::move(out_);
    }

 private:
    std::string out_;
    std::size_t line_;
    bool line_has_text_ = true;  // the field name
};

// `text` (valid UTF-8) as B encoded words of at most 75 characters, cut only between characters. Decoders drop the
// white space between adjacent encoded words, so the text comes back byte for byte; but some (Python's email
// package in display names) keep it, so a run is cut only when it cannot fit on one line.
void AddEncodedWords(HeaderWriter& writer, std::string_view text) {
    constexpr std::size_t kFullLine = std::min(kMaxLine - 1, kMaxEncodedWord);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t room = std::min(writer.Room(), kMaxEncodedWord);
        const std::size_t rest = EncodedWordLength(text.size() - i);
        // The rest fits on a line of its own, or there is less room here than one four-byte character needs.
        if ((rest > room && rest <= kFullLine) || room < EncodedWordLength(4)) room = kFullLine;
        std::size_t end = i;
        while (end < text.size()) {
            const std::size_t next = std::min(text.size(), end + Utf8SequenceLength(text[end]));
            if (EncodedWordLength(next - i) > room) break;
            end = next;
        }
        writer.Add(EncodedWord(text.substr(i, end - i)));
        i = end;
    }
}

std::vector<std::string_view> SplitOnSpaces(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    while (true) {
        const auto space = s.find(' ', start);
        words.push_back(s.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start));
        if (space == std::string_view::npos) break;
        start = space + 1;
    }
    return words;
}

// Text for a header as words separated by single spaces: the words `plain` accepts are written as they are, each
// run of the others becomes encoded words (one run, with its inner spaces, so no white space between two encoded
// words carries meaning). An empty word (two spaces in a row) joins a neighbouring run so the space is kept.
template <class Plain>
void AddWords(HeaderWriter& writer, std::string_view text, Plain plain) {
    if (text.empty()) return;
    const auto words = SplitOnSpaces(text);
    std::vector<bool> keep(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) keep[i] = !words[i].empty() && plain(words[i]);
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!words[i].empty()) continue;
        const bool run_before = i > 0 && !words[i - 1].empty() && !keep[i - 1];
        const bool run_after = i + 1 < words.size() && !words[i + 1].empty() && !keep[i + 1];
        keep[i] = !run_before && !run_after;
    }
    std::size_t i = 0;
    while (i < words.size()) {
        if (keep[i]) {
            writer.Add(words[i++]);
            continue;
        }
        std::size_t j = i;
        while (j < words.size() && !keep[j]) ++j;
        const char* begin = words[i].data();
        const char* end = words[j - 1].data() + words[j - 1].size();
        AddEncodedWords(writer, std::string_view(begin, static_cast<std::size_t>(end - begin)));
        i = j;
    }
}

// "=?" would be read back as the start of an encoded word; a word longer than a line could not be folded.
bool IsPlainWord(std::string_view word) {
    return IsAscii(word) && word.find("=?") == std::string_view::npos && word.size() + 1 <= kMaxLine;
}

bool IsAtom(std::string_view word) {
    return IsPlainWord(word) && std::all_of(word.begin(), word.end(), [](char c) { return IsAtext(c); });
}

// An unstructured field (Subject): ASCII words as they are, folded at spaces; the rest as encoded words.
std::string UnstructuredField(std::string_view name, std::string_view raw) {
    HeaderWriter writer(name);
    AddWords(writer, HeaderText(raw), IsPlainWord);
    return std::move(writer).Finish();
}

// A display name (RFC 5322 phrase): atoms when it is ASCII without specials, a quoted string (folded at its
// spaces) when it has specials, and encoded words for whatever else is not an atom.
void AddDisplayName(HeaderWriter& writer, std::string_view raw) {
    const std::string name = HeaderText(raw);
    const auto words = SplitOnSpaces(name);
    if (name.empty()) return;
    if (std::all_of(words.begin(), words.end(), IsAtom)) {
        for (const auto word : words) writer.Add(word);
        return;
    }
    if (std::all_of(words.begin(), words.end(), [](std::string_view w) { return IsPlainWord(w); })) {
        std::string quoted = "\"";
        for (const char c : name) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
        }
        quoted += '"';
        const auto pieces = SplitOnSpaces(quoted);
        if (std::all_of(pieces.begin(), pieces.end(), [](std::string_view p) { return p.size() + 1 <= kMaxLine; })) {
            for (const auto piece : pieces) writer.Add(piece);
            return;
        }
    }
    AddWords(writer, name, IsAtom);
}

std::string AddressField(std::string_view name, const std::vector<MailAddress>& addresses) {
    HeaderWriter writer(name);
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        AddDisplayName(writer, addresses[i].name);
        const std::string& address = addresses[i].address;
        std::string token = HeaderText(addresses[i].name).empty() ? address : "<" + address + ">";
        if (i + 1 < addresses.size()) token += ',';  // part of the token, so it counts towards the line
        writer.Add(token);
    }
    return std::move(writer).Finish();
}

// Structured extra headers (Auto-Submitted, In-Reply-To, List-Unsubscribe) must keep their syntax, so ASCII values
// are only folded at their spaces, never encoded; a value with other characters can only be unstructured text.
std::string ExtraField(std::string_view name, std::string_view raw) {
    HeaderWriter writer(name);
    const std::string text = HeaderText(raw);
    if (IsAscii(text)) {
        AddWords(writer, text, [](std::string_view) { return true; });
    } else {
        AddWords(writer, text, IsPlainWord);
    }
    return std::move(writer).Finish();
}

// "Tue, 24 Nov 2026 09:30:00 +0000" (RFC 5322 3.3), from civil-from-days (H. Hinnant's algorithm).
std::string DateField(Millis t) {
    static constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Floor division: an instant before 1970 belongs to the day before, not after.
    std::int64_t seconds = t / kSecond;
    if (t % kSecond < 0) --seconds;
    std::int64_t days = seconds / 86400;
    std::int64_t second_of_day = seconds % 86400;
    if (second_of_day < 0) {
        second_of_day += 86400;
        --days;
    }
    const std::int64_t weekday = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "Date: %s, %02lld %s %04lld %02lld:%02lld:%02lld +0000\r\n", kWeekdays[weekday],
                  static_cast<long long>(day), kMonths[month - 1], static_cast<long long>(year),
                  static_cast<long long>(second_of_day / 3600), static_cast<long long>(second_of_day / 60 % 60),
                  static_cast<long long>(second_of_day % 60));
    return buf;
}

// msg-id characters only (RFC 5322 3.6.4: dot-atom-text "@" dot-atom-text); anything else is dropped.
std::string MessageIdText(std::string_view id) {
    std::string out;
    for (const char c : id) {
        if (IsAtext(c) || c == '.' || c == '@') out += c;
    }
    return out;
}

bool IsFieldName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (const char c : name) {
        if (c < 33 || c > 126 || c == ':') return false;
    }
    return true;
}

// Fields this renderer writes itself (a second one would make the message ambiguous), and Bcc, which must never
// travel with the message.
bool IsReservedField(std::string_view name) {
    static constexpr std::array<std::string_view, 13> kReserved = {
        "from",         "to",          "cc",         "reply-to",     "subject",      "date",
        "message-id",   "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
        "bcc"};
    const std::string lower = ToLowerAscii(name);
    for (const auto r : kReserved) {
        if (lower == r) return true;
    }
    return false;
}

char Hex(unsigned v) { return "0123456789ABCDEF"[v & 15]; }

// RFC 2045 6.7 quoted-printable of UTF-8 text. Line breaks (LF, CRLF or a lone CR) become CRLF; other bytes
// outside printable ASCII, '=', and white space before a line break are escaped; soft breaks ("=" CRLF) keep every
// line within 76 octets. A '.' or "From " opening a line is escaped too, for relays that mangle them.
std::string QuotedPrintable(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8 + 16);
    std::size_t i = 0;
    while (i <= text.size()) {
        auto end = text.find_first_of("\r\n", i);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(i, end - i);
        // Escaped when opening an output line: relays drop or mangle a leading '.' or "From ".
        const auto risky = [&](std::size_t k) { return line[k] == '.' || line.substr(k).starts_with("From "); };
        std::size_t column = 0;
        for (std::size_t k = 0; k < line.size(); ++k) {
            const auto u = static_cast<unsigned char>(line[k]);
            const bool last = k + 1 == line.size();
            const bool printable = u >= 33 && u <= 126 && u != '=';
            const bool inner_space = (u == ' ' || u == '\t') && !last;
            const auto escaped = [&] { return std::string{'=', Hex(u >> 4u), Hex(u)}; };
            std::string token =
                (printable || inner_space) && !(column == 0 && risky(k)) ? std::string(1, line[k]) : escaped();
            // A token that is not the line's last needs room for the "=" of a soft break after it.
            if (column + token.size() > (last ? kMaxLine : kMaxLine - 1)) {
                out += "=\r\n";
                column = 0;
                if (risky(k)) token = escaped();
            }
            out += token;
            column += token.size();
        }
        if (end == text.size()) break;
        out += kCrlf;
        i = end + (text.substr(end).starts_with("\r\n") ? 2 : 1);
    }
    return out;
}

std::uint64_t Fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ULL) {
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

// "=_" never occurs in quoted-printable output ('=' is always followed by two hex digits or a line break), so the
// boundary cannot be mistaken for body text; it is still checked against both bodies, as the RFC asks. Derived from
// the bodies' hash, so the same message renders to the same bytes.
std::string Boundary(std::string_view text_qp, std::string_view html_qp) {
    std::uint64_t h = Fnv1a(html_qp, Fnv1a(text_qp));
    while (true) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "=_sd_%016llx", static_cast<unsigned long long>(h));
        const std::string boundary = buf;
        if (text_qp.find(boundary) == std::string_view::npos && html_qp.find(boundary) == std::string_view::npos) {
            return boundary;
        }
        h = Fnv1a(boundary, h);
    }
}


// "<a@x> <b@y>" folded at the spaces between ids; ids without a usable character are left out.
std::string MessageIdsField(std::string_view name, const std::vector<std::string>& ids) {
    HeaderWriter writer(name);
    bool any = false;
    for (const auto& id : ids) {
        if (const std::string text = MessageIdText(id); !text.empty()) {
            writer.Add("<" + text + ">");
            any = true;
        }
    }
    return any ? std::move(writer).Finish() : std::string();
}

// type/subtype of RFC 2045 tokens, lower case; anything else is sent as what it surely is: bytes.
std::string AttachmentType(std::string_view type) {
    const auto token = [](std::string_view t) {
        return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u > 32 && u < 127 && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
        });
    };
    const auto slash = type.find('/');
    if (slash == std::string_view::npos || !token(type.substr(0, slash)) || !token(type.substr(slash + 1))) {
        return "application/octet-stream";
    }
    return ToLowerAscii(type);
}

// The filename parameter: a quoted string when it is plain ASCII, RFC 2231 percent-encoded UTF-8 otherwise, cut
// into numbered sections (filename*0*=...) so no line is longer than kMaxLine.
std::string FilenameParameters(std::string_view raw) {
    std::string name = HeaderText(raw);
    std::replace(name.begin(), name.end(), '/', '_');
    std::replace(name.begin(), name.end(), '\\', '_');
    if (name.empty()) name = "attachment";
    const bool plain = IsAscii(name) && name.find('"') == std::string::npos && name.size() + 20 < kMaxLine;
    if (plain) return "; filename=\"" + name + "\"";
    std::string encoded = "UTF-8''";
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += Hex(u >> 4u);
            encoded += Hex(u);
        }
    }
    std::string out;
    constexpr std::size_t kSection = 60;
    for (std::size_t i = 0, n = 0; i < encoded.size(); ++n) {
        std::size_t end = std::min(encoded.size(), i + kSection);
        // Never cut a %XX escape.
        if (end < encoded.size() && encoded[end - 1] == '%') end -= 1;
        if (end < encoded.size() && end >= 2 && encoded[end - 2] == '%') end -= 2;
        out += ";\r\n filename*" + std::to_string(n) + "*=" + encoded.substr(i, end - i);
        i = end;
    }
    return out;
}

// Base64 in lines of 76 characters (RFC 2045 6.8).
std::string Base64Lines(std::string_view bytes) {
    const std::string all = Base64(bytes);
    std::string out;
    out.reserve(all.size() + all.size() / 76 * 2 + 2);
    for (std::size_t i = 0; i < all.size(); i += 76) {
        out.append(all, i, 76);
        out += kCrlf;
    }
    return out;
}

}  // namespace

bool IsMailAddress(std::string_view address) {
    if (address.empty() || address.size() > 254) return false;
    const auto at = address.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return false;
    // The local part as an RFC 5322 dot-atom: no quoted local parts, which no one needs and which break naive
    // parsers downstream.
    if (!IsDotAtom(address.substr(0, at))) return false;
    const auto domain = address.substr(at + 1);
    if (domain.empty() || domain.size() > 253) return false;
    std::size_t start = 0;
    while (true) {
        const auto dot = domain.find('.', start);
        if (!IsDomainLabel(
                domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
            return false;
        }
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return true;
}

Result<std::string> RenderMessage(const MailMessage& message) {
    if (!IsMailAddress(message.from.address)) return Invalid("from", "not a mail address");
    if (message.to.empty()) return Invalid("to", "at least one recipient is needed");
    for (const auto& to : message.to) {
        if (!IsMailAddress(to.address)) return Invalid("to", "not a mail address");
    }
    for (const auto& cc : message.cc) {
        if (!IsMailAddress(cc.address)) return Invalid("cc", "not a mail address");
    }
    for (const auto& reply_to : message.reply_to) {
        if (!IsMailAddress(reply_to.address)) return Invalid("reply_to", "not a mail address");
    }
    for (const auto& [name, value] : message.headers) {
        if (!IsFieldName(name)) return Invalid("headers", "not a header field name");
        if (IsReservedField(name)) return Invalid("headers", "the header " + name + " is written by the renderer");
    }

    const std::string text = QuotedPrintable(ValidUtf8(message.text));
    const std::string html = QuotedPrintable(ValidUtf8(message.html));
    const std::string boundary = Boundary(text, html);
    std::vector<std::string> attachments;
    for (const auto& a : message.attachments) attachments.push_back(Base64Lines(a.data));
    // Base64 has no '=' followed by '_', so the same kind of boundary cannot occur in it either.
    const std::string mixed_boundary = "=_mixed" + boundary.substr(2);

    std::string out;
    out.reserve(text.size() + html.size() + 1024);
    out += AddressField("From", {message.from});
    out += AddressField("To", message.to);
    if (!message.cc.empty()) out += AddressField("Cc", message.cc);
    if (!message.reply_to.empty()) out += AddressField("Reply-To", message.reply_to);
    out += UnstructuredField("Subject", message.subject);
    out += DateField(message.date);
    if (const std::string id = MessageIdText(message.message_id); !id.empty()) {
        out += "Message-ID: <" + id + ">\r\n";
    }
    out += MessageIdsField("In-Reply-To", {message.in_reply_to});
    out += MessageIdsField("References", message.references);
    out += "MIME-Version: 1.0\r\n";
    for (const auto& [name, value] : message.headers) out += ExtraField(name, value);
    if (!attachments.empty()) {
        out += "Content-Type: multipart/mixed; boundary=\"" + mixed_boundary + "\"\r\n";
        out += kCrlf;
        out += "--" + mixed_boundary + "\r\n";
    }
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    out += kCrlf;
    const auto part = [&](std::string_view subtype, const std::string& body) {
        out += "--" + boundary + "\r\n";
        out += "Content-Type: text/" + std::string(subtype) + "; charset=" + std::string(kCharset) + "\r\n";
        out += "Content-Transfer-Encoding: quoted-printable\r\n";
        out += kCrlf;
        out += body;
        out += kCrlf;
    };
    part("plain", text);
    part("html", html);
    out += "--" + boundary + "--\r\n";
    for (std::size_t i = 0; i < attachments.size(); ++i) {
        const auto& a = message.attachments[i];
        out += "--" + mixed_boundary + "\r\n";
        out += "Content-Type: " + AttachmentType(a.content_type) + "\r\n";
        out += "Content-Disposition: attachment" + FilenameParameters(a.filename) + "\r\n";
        out += "Content-Transfer-Encoding: base64\r\n";
        out += kCrlf;
        out += attachments[i];
    }
    if (!attachments.empty()) out += "--" + mixed_boundary + "--\r\n";
    return out;
}

}  // namespace shiftdesk::notify
