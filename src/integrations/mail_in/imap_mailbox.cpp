// ImapMailbox over libcurl's easy interface. Each operation is one curl_easy_perform on a handle kept between calls,
// so the connection (logged in, mailbox selected) is reused, and libcurl reconnects and selects again after a drop.
//
// libcurl's own message download (a URL with ;UID=n) sends BODY[], which sets \Seen on the server before the desk
// has stored anything, so messages are fetched with a custom UID FETCH ... BODY.PEEK[] instead. libcurl hands a
// custom command's response to the header callback line by line, byte for byte, literals included: the message
// is read out of that transcript by its {size}, in pieces (see kFetchChunkBytes). A line longer than half of
// libcurl's buffer would be cut short (libcurl keeps its first 40 bytes); the buffer is at its largest, pieces are
// smaller than half of it, and the debug callback reports a cut anyway, so a damaged answer is an error, never a
// delivered message.
#include "integrations/mail_in/imap_mailbox.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <string_view>

namespace shiftdesk::integrations {
namespace {

// curl_global_init is not thread-safe and must precede any other call.
void GlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct UrlFree {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStringFree {
    void operator()(char* s) const { curl_free(s); }
};

std::string UrlPart(CURLU* url, CURLUPart part, unsigned flags = 0) {
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, flags) != CURLUE_OK || !raw) return {};
    std::unique_ptr<char, CurlStringFree> owned(raw);
    return raw;
}

bool HasControlChars(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

// The settings' URL taken apart: one URL for commands outside any mailbox, one that makes libcurl select it.
struct Target {
    std::string root_url;     // scheme://host:port/
    std::string mailbox_url;  // scheme://host:port/MAILBOX
    std::string mailbox;      // decoded: "INBOX"
};

Result<Target> ParseTarget(const std::string& text) {
    if (HasControlChars(text)) return Invalid("url", "the IMAP URL has control characters");
    std::unique_ptr<CURLU, UrlFree> url(curl_url());
    if (!url || curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
        return Invalid("url", "the IMAP URL cannot be read");
    }
    const std::string scheme = UrlPart(url.get(), CURLUPART_SCHEME);
    if (scheme != "imap" && scheme != "imaps")
        return Invalid("url", "the IMAP URL must start with imap:// or imaps://");
    if (!UrlPart(url.get(), CURLUPART_USER).empty() || !UrlPart(url.get(), CURLUPART_PASSWORD).empty()) {
        // A URL is logged and shown; credentials in it would be too.
        return Invalid("url", "the IMAP URL must not hold credentials: give the username and password separately");
    }
    if (!UrlPart(url.get(), CURLUPART_QUERY).empty() || !UrlPart(url.get(), CURLUPART_FRAGMENT).empty()) {
        return Invalid("url", "the IMAP URL names a mailbox only (no query, no fragment)");
    }
    std::string path = UrlPart(url.get(), CURLUPART_PATH, CURLU_URLDECODE);
    while (!path.empty() && path.front() == '/') path.erase(0, 1);
    while (!path.empty() && path.back() == '/') path.pop_back();
    if (path.empty()) path = "INBOX";
    // ';' starts libcurl's own URL parameters (;UID=, ;SECTION=); non-ASCII names need IMAP's modified UTF-7.
    const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7f && c != ';' && c != '"' && c != '\\';
    });
    if (!plain) return Invalid("url", "the mailbox name in the IMAP URL must be printable ASCII without ; \" or \\");

    Target target;
    target.mailbox = path;
    curl_url_set(url.get(), CURLUPART_PATH, "/", 0);
    target.root_url = UrlPart(url.get(), CURLUPART_URL);
    curl_url_set(url.get(), CURLUPART_PATH, ("/" + path).c_str(), CURLU_URLENCODE);
    target.mailbox_url = UrlPart(url.get(), CURLUPART_URL);
    if (target.root_url.empty() || target.mailbox_url.empty()) return Invalid("url", "the IMAP URL cannot be read");
    return target;
}

std::string WithoutSecret(std::string text, const std::string& secret) {
    if (secret.empty()) return text;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "***");
        at += 3;
    }
    return text;
}

std::size_t AppendTo(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

// The lines of a transcript, each with its line end.
std::vector<std::string_view> Lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < text.size();) {
        const auto end = text.find('\n', at);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(at, next - at));
        at = next;
    }
    return lines;
}

std::string_view Trimmed(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    return line;
}

bool ParseUint32(std::string_view text, std::uint32_t& out) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// The server's last tagged answer ("A005 NO [...] ..."), for an error message.
std::string LastTaggedAnswer(std::string_view transcript) {
    const auto lines = Lines(transcript);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const std::string_view line = Trimmed(*it);
        if (!line.empty() && line.front() != '*' && line.front() != '+') return std::string(line.substr(0, 200));
    }
    return {};
}

// A message is fetched in pieces: libcurl counts a custom command's answer as response headers and refuses more
// than 300 KiB of them in one transfer (each byte counted twice, as Debian's libcurl 7.88 does), and cuts lines
// past half its buffer; each piece stays well below both.
constexpr std::size_t kFetchChunkBytes = 64 * 1024;

// The bytes of `section` ("BODY[]<0>") in an answer to UID FETCH: "* 12 FETCH (UID 7 BODY[]<0> {2345}\r\n" then
// 2345 bytes, then ")" or more items; "" or NIL past the end. nullopt when no FETCH answer carries it. Untagged
// answers before it are the server's own (SELECT's, flag updates), none with a BODY[] section.
Result<std::optional<std::string_view>> ReadSection(std::string_view transcript, const std::string& section,
                                                    std::string_view& fetch_line) {
    const std::string item = section + " ";
    for (std::size_t at = 0; at < transcript.size();) {
        const auto end = transcript.find('\n', at);
        if (end == std::string_view::npos) break;
        const std::string_view line = Trimmed(transcript.substr(at, end - at));
        at = end + 1;
        const auto found = line.find(item);
        if (!line.starts_with("* ") || line.find(" FETCH (") == std::string_view::npos ||
            found == std::string_view::npos) {
            continue;
        }
        fetch_line = line;
        const std::string_view value = line.substr(found + item.size());
        if (value.starts_with("\"\"") || value.starts_with("NIL")) return std::optional<std::string_view>("");
        std::uint32_t size = 0;
        if (!value.starts_with("{") || !value.ends_with("}") || !ParseUint32(value.substr(1, value.size() - 2), size)) {
            return MakeError(ErrorCode::kInternal, "the server's FETCH answer cannot be read");
        }
        if (transcript.size() - at < size) return MakeError(ErrorCode::kUnavailable, "the message ended early");
        const std::size_t after = at + size;
        if (after >= transcript.size() || (transcript[after] != ')' && transcript[after] != ' ')) {
            return MakeError(ErrorCode::kInternal, "the server's FETCH answer cannot be read");
        }
        return std::optional<std::string_view>(transcript.substr(at, size));
    }
    return std::optional<std::string_view>();
}

// UIDs per UID SEARCH: at most 11 bytes each in the answer, so one answer stays within kFetchChunkBytes * 2.
constexpr std::uint64_t kSearchWindowUids = 10000;

// The UIDs of the "* SEARCH ..." lines of a transcript, appended to `out`.
Result<void> ParseSearch(std::string_view transcript, std::vector<std::uint32_t>& out) {
    for (std::string_view line : Lines(transcript)) {
        line = Trimmed(line);
        if (line != "* SEARCH" && !line.starts_with("* SEARCH ")) continue;
        std::string_view rest = line.substr(8);
        while (!rest.empty()) {
            rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
            const std::string_view token = rest.substr(0, rest.find(' '));
            rest.remove_prefix(token.size());
            if (token.empty()) break;
            std::uint32_t uid = 0;
            if (!ParseUint32(token, uid)) {
                return MakeError(ErrorCode::kInternal, "the server's SEARCH answer is not a list of UIDs");
            }
            out.push_back(uid);
        }
    }
    return {};
}

}  // namespace

struct ImapMailbox::Connection {
    ImapSettings settings;
    Result<Target> target = Invalid("url", "not parsed");
    CURL* curl = nullptr;
    std::string transcript;  // every response line of the current operation, as received
    std::string body;        // libcurl's copy of the untagged lines (unused; kept off stdout)
    bool line_cut = false;   // libcurl cut a response line short
    char error[CURL_ERROR_SIZE] = {};

    ~Connection() {
        if (curl) curl_easy_cleanup(curl);
    }

    static int OnDebug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
        // Only libcurl's own remarks are read: the outgoing lines (LOGIN with the password) are not looked at.
        if (type == CURLINFO_TEXT &&
            std::string_view(data, size).find("Excessive server response line length") != std::string_view::npos) {
            static_cast<Connection*>(user)->line_cut = true;
        }
        return 0;
    }

    Error Fail(ErrorCode code, std::string message) const {
        return MakeError(code, WithoutSecret(std::move(message), settings.password));
    }

    // Runs `command` (on the mailbox when `in_mailbox`, which makes libcurl select it first) and returns the
    // transcript of the server's answers.
    Result<std::string_view> Run(const std::string& what, const std::string& command, bool in_mailbox) {
        if (!target) return target.error();
        if (!curl) {
            GlobalInit();
            curl = curl_easy_init();
            if (!curl) return Fail(ErrorCode::kInternal, what + ": curl_easy_init failed");
            Configure();
        }
        transcript.clear();
        body.clear();
        line_cut = false;
        error[0] = '\0';
        curl_easy_setopt(curl, CURLOPT_URL, in_mailbox ? target->mailbox_url.c_str() : target->root_url.c_str());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.c_str());
        const CURLcode rc = curl_easy_perform(curl);
        if (rc == CURLE_OK && line_cut) {
            return Fail(ErrorCode::kInternal, what + ": the server sent a line longer than " +
                                                  std::to_string(CURL_MAX_READ_SIZE / 2) +
                                                  " bytes, which libcurl cannot pass on whole");
        }
        if (rc == CURLE_OK) return std::string_view(transcript);
        return Classify(what, rc);
    }

    void Configure() {
        const ImapSettings defaults;
        auto positive = [](int value, int fallback) { return static_cast<long>(value > 0 ? value : fallback); };
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        // Only IMAP: a URL from the settings must not make the desk speak another protocol.
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
        curl_easy_setopt(curl, CURLOPT_USE_SSL,
                         static_cast<long>(settings.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
        if (!settings.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
        // libcurl counts the greeting and the login as connecting.
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                         positive(settings.connect_timeout_seconds, defaults.connect_timeout_seconds));
        curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                         positive(settings.reply_timeout_seconds, defaults.reply_timeout_seconds));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT,
                         positive(settings.operation_timeout_seconds, defaults.operation_timeout_seconds));
        curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, static_cast<long>(CURL_MAX_READ_SIZE));
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendTo);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transcript);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendTo);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
        curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, OnDebug);
        curl_easy_setopt(curl, CURLOPT_DEBUGDATA, this);
        curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
        // No SIGALRM-based DNS timeouts: they are not safe with threads.
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    }

    // BODY.PEEK[<part>] of message `uid` in pieces; a whole message ("" part) only up to max_message_bytes.
    Result<std::optional<std::string>> FetchSection(std::uint32_t uid, const std::string& part,
                                                    const std::string& what) {
        const bool whole = part.empty();
        const std::size_t limit = settings.max_message_bytes;
        std::string bytes;
        for (;;) {
            const std::string offset = std::to_string(bytes.size());
            // The first piece of a whole message also asks for its size, so a message over the limit is refused
            // after one piece rather than after reading up to the limit.
            const std::string items = std::string(whole && bytes.empty() ? "(RFC822.SIZE " : "(") + "BODY.PEEK[" +
                                      part + "]<" + offset + "." + std::to_string(kFetchChunkBytes) + ">)";
            const std::string_view answer = SD_TRY(Run(what, "UID FETCH " + std::to_string(uid) + " " + items, true));
            std::string_view fetch_line;
            auto piece = ReadSection(answer, "BODY[" + part + "]<" + offset + ">", fetch_line);
            if (!piece) return Fail(piece.error().code, what + ": " + piece.error().message);
            // UID FETCH of a UID that does not exist answers OK with nothing; one expunged between pieces is gone.
            if (!*piece) return std::optional<std::string>();
            if (whole && bytes.empty()) {
                const auto at = fetch_line.find("RFC822.SIZE ");
                std::uint32_t size = 0;
                if (at != std::string_view::npos) {
                    std::string_view number = fetch_line.substr(at + 12);
                    number = number.substr(0, number.find_first_not_of("0123456789"));
                    if (ParseUint32(number, size) && size > limit) return TooLarge(what, size, limit);
                }
            }
            bytes += **piece;
            if (whole && bytes.size() > limit) return TooLarge(what, bytes.size(), limit);
            if ((*piece)->size() < kFetchChunkBytes) return std::optional<std::string>(std::move(bytes));
        }
    }

    Error TooLarge(const std::string& what, std::size_t size, std::size_t limit) const {
        return Fail(ErrorCode::kTooLarge, what + ": the message has " + std::to_string(size) +
                                              " bytes, more than the " + std::to_string(limit) + " taken");
    }

    Error Classify(const std::string& what, CURLcode rc) const {
        std::string detail = what + ": " + curl_easy_strerror(rc);
        if (error[0] != '\0') detail += std::string(" (") + error + ")";
        const std::string answer = LastTaggedAnswer(transcript);
        switch (rc) {
            case CURLE_LOGIN_DENIED:
                // libcurl reports a refused SELECT with the same code as a refused login.
                if (std::string_view(error).starts_with("Select failed")) {
                    return Fail(ErrorCode::kNotFound,
                                what + ": the server has no mailbox '" + target->mailbox + "' (" + answer + ")");
                }
                return Fail(ErrorCode::kUnauthenticated, what + ": the server refused the username or password");
            case CURLE_REMOTE_FILE_NOT_FOUND:
                return Fail(ErrorCode::kNotFound, detail);
            case CURLE_URL_MALFORMAT:
            case CURLE_UNSUPPORTED_PROTOCOL:
            case CURLE_NOT_BUILT_IN: {
                Error e = Fail(ErrorCode::kInvalid, detail);
                e.field = "url";
                return e;
            }
            case CURLE_QUOTE_ERROR:  // the server answered the command with NO or BAD
                return Fail(ErrorCode::kInternal, what + ": the server refused the command (" + answer + ")");
            case CURLE_OUT_OF_MEMORY:
            case CURLE_BAD_FUNCTION_ARGUMENT:
                return Fail(ErrorCode::kInternal, detail);
            default:
                // Connecting, TLS, a dropped connection, a deadline, a server that made no sense mid-way: all may
                // pass.
                return Fail(ErrorCode::kUnavailable, detail);
        }
    }
};

ImapMailbox::ImapMailbox(ImapSettings settings) : connection_(std::make_unique<Connection>()) {
    connection_->target = ParseTarget(settings.url);
    connection_->settings = std::move(settings);
}

ImapMailbox::~ImapMailbox() = default;

const std::string& ImapMailbox::url() const { return connection_->settings.url; }

Result<std::uint32_t> ImapMailbox::UidValidity() {
    if (!connection_->target) return connection_->target.error();
    const std::string what = "reading UIDVALIDITY of " + connection_->target->mailbox;
    const std::string_view transcript =
        SD_TRY(connection_->Run(what, "STATUS \"" + connection_->target->mailbox + "\" (UIDVALIDITY)", false));
    for (std::string_view line : Lines(transcript)) {
        line = Trimmed(line);
        if (!line.starts_with("* STATUS ")) continue;
        const auto at = line.find("UIDVALIDITY ");
        if (at == std::string_view::npos) continue;
        std::string_view number = line.substr(at + 12);
        number = number.substr(0, number.find_first_not_of("0123456789"));
        std::uint32_t value = 0;
        if (ParseUint32(number, value) && value != 0) return value;
    }
    return connection_->Fail(ErrorCode::kInternal, what + ": the server's STATUS answer has no UIDVALIDITY");
}

Result<std::vector<std::uint32_t>> ImapMailbox::UidsAfter(std::uint32_t last_uid) {
    const std::string what = "listing new messages";
    // A selected mailbox shows new messages to a command only after the server has announced them (EXISTS), which
    // it does at the end of a command: NOOP first, so the search sees what arrived since the last call.
    SD_TRY(connection_->Run(what, "NOOP", true));
    // "UID *" is the highest UID (none in an empty mailbox). The new ones are then searched in windows of UIDs, so
    // no answer outgrows what libcurl passes on (kFetchChunkBytes) however many messages wait.
    const std::string_view top = SD_TRY(connection_->Run(what, "UID SEARCH UID *", true));
    std::vector<std::uint32_t> highest;
    SD_CHECK(ParseSearch(top, highest));
    if (highest.empty() || highest.back() <= last_uid) return std::vector<std::uint32_t>{};
    std::vector<std::uint32_t> uids;
    for (std::uint64_t from = std::uint64_t{last_uid} + 1; from <= highest.back(); from += kSearchWindowUids) {
        const std::uint64_t to = std::min<std::uint64_t>(from + kSearchWindowUids - 1, highest.back());
        const std::string_view found =
            SD_TRY(connection_->Run(what, "UID SEARCH UID " + std::to_string(from) + ":" + std::to_string(to), true));
        std::vector<std::uint32_t> window;
        SD_CHECK(ParseSearch(found, window));
        for (const std::uint32_t uid : window) {
            if (uid >= from && uid <= to) uids.push_back(uid);
        }
    }
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    return uids;
}

Result<std::optional<std::string>> ImapMailbox::Fetch(std::uint32_t uid) {
    return connection_->FetchSection(uid, "", "fetching message UID " + std::to_string(uid));
}

Result<std::optional<std::string>> ImapMailbox::FetchHeader(std::uint32_t uid) {
    return connection_->FetchSection(uid, "HEADER", "fetching the header of message UID " + std::to_string(uid));
}

Result<void> ImapMailbox::MarkSeen(std::uint32_t uid) {
    const std::string what = "marking message UID " + std::to_string(uid) + " seen";
    SD_TRY(connection_->Run(what, "UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Seen)", true));
    return {};
}

}  // namespace shiftdesk::integrations
