#include "integrations/mail_in/mime_parser.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>

#include "integrations/mail_in/delivery_report.hpp"
#include "integrations/mail_in/header_repair.hpp"
#include "integrations/mail_in/html_text.hpp"

namespace shiftdesk::integrations {
namespace {

using domain::InboundMail;
using domain::MailAddress;
using domain::MailAttachment;

// gmime is GObject: every object is released by g_object_unref, every string it allocates by g_free.
struct GObjectUnref {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

struct OptionsFree {
    void operator()(GMimeParserOptions* o) const { g_mime_parser_options_free(o); }
};

void InitOnce() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// The charsets the message declares (its parts'), lower case, in order, each once.
std::vector<std::string> DeclaredCharsets(std::string_view raw) {
    constexpr std::string_view kKey = "charset=";
    constexpr std::size_t kMaxCharsets = 8;
    const std::string_view head = raw.substr(0, std::min<std::size_t>(raw.size(), 256 * 1024));
    std::vector<std::string> names;
    for (std::size_t i = 0; i + kKey.size() < head.size() && names.size() < kMaxCharsets; ++i) {
        if (g_ascii_strncasecmp(head.data() + i, kKey.data(), kKey.size()) != 0) continue;
        std::size_t j = i + kKey.size();
        if (j < head.size() && head[j] == '"') ++j;
        std::string name;
        while (j < head.size() && (g_ascii_isalnum(head[j]) || head[j] == '-' || head[j] == '_' || head[j] == '.'))
            name += char(g_ascii_tolower(head[j++]));
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

// Multi-byte charsets reject text that is not theirs; a single-byte one takes any bytes, so it can only come last.
bool IsMultiByte(const std::string& charset) {
    for (const char* prefix : {"gb", "big5", "shift_jis", "sjis", "euc-", "iso-2022-", "ks_c", "cp936", "cp949"})
        if (charset.starts_with(prefix)) return true;
    return false;
}

// Mail clients read broken mail generously, and so does the desk: loose RFC 2047 and address parsing, and 8-bit
// headers without a declared charset tried as UTF-8, then as the charsets the parts declare, multi-byte ones first (a
// GB2312 mail's raw subject is GB2312; a Japanese one declaring ISO-2022-JP often has Shift_JIS or EUC-JP headers), then as
// windows-1252 (a superset of Latin-1 that decodes every byte).
struct ParserOptions {
    std::unique_ptr<GMimeParserOptions, OptionsFree> options;
    std::vector<std::string> fallback_names;
    std::vector<const char*> fallback;
};

ParserOptions LenientOptions(std::string_view raw) {
    ParserOptions o;
    o.options.reset(g_mime_parser_options_new());
    g_mime_parser_options_set_rfc2047_compliance_mode(o.options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(o.options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(o.options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    o.fallback_names = {"utf-8"};
    const auto declared = DeclaredCharsets(raw);
    for (const auto& name : declared) {
        if (!IsMultiByte(name)) continue;
        if (name.starts_with("iso-2022-jp")) {
            o.fallback_names.insert(o.fallback_names.end(), {"shift_jis", "euc-jp"});
        } else {
            o.fallback_names.push_back(name);
        }
    }
    for (const auto& name : declared) {
        if (!IsMultiByte(name) && name != "utf-8" && name != "us-ascii") o.fallback_names.push_back(name);
    }
    o.fallback_names.push_back("windows-1252");
    for (const auto& name : o.fallback_names) o.fallback.push_back(name.c_str());
    o.fallback.push_back(nullptr);
    g_mime_parser_options_set_fallback_charsets(o.options.get(), o.fallback.data());
    return o;
}

std::string Str(const char* s) { return s ? std::string(s) : std::string(); }

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string Trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

// Any bytes into valid UTF-8: invalid sequences become U+FFFD, so nothing downstream sees broken text.
std::string ValidUtf8(std::string text) {
    if (g_utf8_validate(text.data(), gssize(text.size()), nullptr)) return text;
    GString fixed(g_utf8_make_valid(text.data(), gssize(text.size())));
    return Str(fixed.get());
}

// `bytes` in `charset` into UTF-8. gmime knows the aliases real mail uses (iso-gb2312, ks_c_5601-1987, ...). An
// unknown or missing charset: UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise.
std::string ToUtf8(const std::string& bytes, const char* charset) {
    const auto convert = [&](const char* from) -> std::optional<std::string> {
        iconv_t cd = g_mime_iconv_open("UTF-8", from);
        if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
        GString out(g_mime_iconv_strndup(cd, bytes.data(), bytes.size()));
        g_mime_iconv_close(cd);
        if (!out) return std::nullopt;
        return Str(out.get());
    };
    if (charset && *charset) {
        const std::string name = Lower(charset);
        if (name == "utf-8" || name == "utf8" || name == "us-ascii") return ValidUtf8(bytes);
        if (auto text = convert(charset)) return ValidUtf8(std::move(*text));
    }
    if (g_utf8_validate(bytes.data(), gssize(bytes.size()), nullptr)) return bytes;
    if (auto text = convert("windows-1252")) return ValidUtf8(std::move(*text));
    return ValidUtf8(bytes);
}

// A leaf part's content with its transfer encoding (base64, quoted-printable, uuencode) undone.
std::string DecodedBytes(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return {};
    GPtr<GMimeStream> memory(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, memory.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string MimeType(GMimeObject* object) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (!type) return "text/plain";
    GString mime(g_mime_content_type_get_mime_type(type));
    return Lower(Str(mime.get()));
}

void AddAddresses(InternetAddressList* list, std::vector<MailAddress>& out) {
    if (!list) return;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            AddAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out);
        } else if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            out.push_back({ValidUtf8(Trim(Str(internet_address_get_name(address)))),
                           Trim(Str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))))});
        }
    }
}

std::vector<MailAddress> Addresses(GMimeMessage* message, GMimeAddressType type) {
    std::vector<MailAddress> out;
    AddAddresses(g_mime_message_get_addresses(message, type), out);
    return out;
}

std::optional<MailAddress> First(std::vector<MailAddress> addresses) {
    for (auto& a : addresses)
        if (!a.address.empty()) return std::move(a);
    if (!addresses.empty()) return std::move(addresses.front());
    return std::nullopt;
}

std::vector<std::string> MessageIds(GMimeParserOptions* options, GMimeObject* object, const char* header) {
    std::vector<std::string> ids;
    const char* value = g_mime_object_get_header(object, header);
    if (!value) return ids;
    GMimeReferences* refs = g_mime_references_parse(options, value);
    if (!refs) return ids;
    for (int i = 0; i < g_mime_references_length(refs); ++i) ids.push_back(Str(g_mime_references_get_message_id(refs, i)));
    g_mime_references_free(refs);
    return ids;
}

std::string HeaderValue(GMimeObject* object, const char* header) {
    return Lower(Trim(Str(g_mime_object_get_header(object, header))));
}

// RFC 3464: the machine-readable part says what happened to whom; the returned message (or only its headers)
// says which message it was.
std::optional<domain::DeliveryReport> ReadDeliveryReport(GMimeMultipart* report) {
    std::optional<domain::DeliveryReport> result;
    std::string original_id;
    const int n = g_mime_multipart_get_count(report);
    for (int i = 0; i < n; ++i) {
        GMimeObject* part = g_mime_multipart_get_part(report, i);
        const std::string type = MimeType(part);
        if (GMIME_IS_MESSAGE_PART(part)) {
            if (GMimeMessage* returned = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part))) {
                original_id = Str(g_mime_message_get_message_id(returned));
            }
        } else if (GMIME_IS_PART(part) &&
                   (type == "message/delivery-status" || type == "message/global-delivery-status")) {
            result = ParseDeliveryStatus(DecodedBytes(GMIME_PART(part)));
        } else if (GMIME_IS_PART(part) && (type == "text/rfc822-headers" || type == "message/rfc822-headers")) {
            original_id = MessageIdFromHeaders(DecodedBytes(GMIME_PART(part)));
        }
    }
    if (result) result->original_message_id = original_id;
    return result;
}

class BodyWalker {
public:
    explicit BodyWalker(InboundMail& mail) : mail_(mail) {}

    void Walk(GMimeObject* object, bool in_related = false) {
        if (GMIME_IS_MULTIPART(object)) {
            WalkMultipart(GMIME_MULTIPART(object));
        } else if (GMIME_IS_MESSAGE_PART(object)) {
            AddAttachedMessage(GMIME_MESSAGE_PART(object));
        } else if (GMIME_IS_PART(object)) {
            AddLeaf(GMIME_PART(object), in_related);
        }
    }

private:
    void WalkMultipart(GMimeMultipart* multipart) {
        GMimeObject* object = GMIME_OBJECT(multipart);
        const std::string type = MimeType(object);
        GMimeContentType* content_type = g_mime_object_get_content_type(object);
        if (type == "multipart/report" &&
            Lower(Str(g_mime_content_type_get_parameter(content_type, "report-type"))) == "delivery-status") {
            mail_.delivery_report = ReadDeliveryReport(multipart);
        }
        const bool related = type == "multipart/related";
        const int n = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < n; ++i) Walk(g_mime_multipart_get_part(multipart, i), related);
    }

    // A forwarded or bounced message travels whole, as an .eml the agent can open.
    void AddAttachedMessage(GMimeMessagePart* part) {
        GMimeMessage* inner = g_mime_message_part_get_message(part);
        MailAttachment a;
        a.content_type = "message/rfc822";
        a.filename = Str(g_mime_object_get_content_disposition(GMIME_OBJECT(part))
                             ? g_mime_content_disposition_get_parameter(
                                   g_mime_object_get_content_disposition(GMIME_OBJECT(part)), "filename")
                             : nullptr);
        if (inner) {
            GString text(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
            a.data = Str(text.get());
            if (a.filename.empty()) a.filename = ValidUtf8(Trim(Str(g_mime_message_get_subject(inner))));
        }
        if (a.filename.empty()) a.filename = "message";
        if (!a.filename.ends_with(".eml")) a.filename += ".eml";
        mail_.attachments.push_back(std::move(a));
    }

    void AddLeaf(GMimePart* part, bool in_related) {
        GMimeObject* object = GMIME_OBJECT(part);
        const std::string type = MimeType(object);
        const bool attachment = g_mime_part_is_attachment(part);
        const char* filename = g_mime_part_get_filename(part);
        const bool body_candidate = !attachment && !filename;
        if (body_candidate && GMIME_IS_TEXT_PART(part) && (type == "text/plain" || type == "text/html")) {
            const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
            std::string text = ToUtf8(DecodedBytes(part), charset);
            std::string& body = type == "text/plain" ? mail_.text : mail_.html;
            // Inline text parts after the body (a list's footer, a second half after an inline image) join it.
            if (!body.empty() && !text.empty()) body += type == "text/plain" ? "\n\n" : "\n";
            body += text;
            return;
        }
        MailAttachment a;
        a.content_type = type;
        a.filename = filename ? ValidUtf8(Str(filename)) : std::string();
        a.content_id = Str(g_mime_part_get_content_id(part));
        GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
        a.inline_part = (disposition && !g_mime_content_disposition_is_attachment(disposition)) ||
                        (in_related && !a.content_id.empty());
        a.data = DecodedBytes(part);
        if (a.filename.empty()) a.filename = MadeUpName(type);
        mail_.attachments.push_back(std::move(a));
    }

    std::string MadeUpName(const std::string& type) {
        std::string extension = "bin";
        if (const auto slash = type.find('/'); slash != std::string::npos) extension = type.substr(slash + 1);
        if (type == "text/plain") extension = "txt";
        if (type == "message/delivery-status") extension = "txt";
        return "part-" + std::to_string(mail_.attachments.size() + 1) + "." + extension;
    }

    InboundMail& mail_;
};

}  // namespace

Result<domain::InboundMail> ParseMail(std::string_view raw, std::size_t max_bytes) {
    if (raw.size() > max_bytes) {
        return MakeError(ErrorCode::kTooLarge, "the message is " + std::to_string(raw.size()) +
                                                   " bytes; the desk takes messages up to " +
                                                   std::to_string(max_bytes) + " bytes");
    }
    // An mbox "From " separator line (what fetchmail and some MTAs hand over) is not a header.
    if (raw.starts_with("From ")) {
        const auto end = raw.find('\n');
        raw = end == std::string_view::npos ? std::string_view() : raw.substr(end + 1);
    }
    const std::optional<std::string> repaired = RepairHeaders(raw);
    if (repaired) raw = *repaired;
    if (!IsHeaderStart(raw.substr(0, std::min<std::size_t>(raw.size(), 1000)))) {
        return MakeError(ErrorCode::kMalformed, "not an email message: it does not start with a header");
    }
    InitOnce();
    const ParserOptions parser_options = LenientOptions(raw);
    GMimeParserOptions* options = parser_options.options.get();
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options));
    if (!message) return MakeError(ErrorCode::kMalformed, "not an email message: the header could not be read");

    GMimeObject* object = GMIME_OBJECT(message.get());
    InboundMail mail;
    mail.message_id = Str(g_mime_message_get_message_id(message.get()));
    mail.in_reply_to = MessageIds(options, object, "In-Reply-To");
    mail.references = MessageIds(options, object, "References");
    mail.from = First(Addresses(message.get(), GMIME_ADDRESS_TYPE_FROM));
    mail.sender = First(Addresses(message.get(), GMIME_ADDRESS_TYPE_SENDER));
    mail.reply_to = Addresses(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO);
    // A From without an address ("Name" <>, a sender hidden by a bulk mailer) still has to be answerable: the
    // address comes from Reply-To, Sender, then the envelope's Return-Path, as other help desks do.
    if (!mail.from || mail.from->address.empty()) {
        MailAddress from = mail.from.value_or(MailAddress{});
        if (auto reply_to = First(mail.reply_to); reply_to && !reply_to->address.empty()) {
            from.address = reply_to->address;
        } else if (mail.sender && !mail.sender->address.empty()) {
            from.address = mail.sender->address;
        } else if (auto return_path = Trim(Str(g_mime_object_get_header(object, "Return-Path")));
                   return_path.size() > 2) {
            if (return_path.front() == '<') return_path = return_path.substr(1, return_path.find('>') - 1);
            from.address = return_path;
        }
        if (!from.address.empty() || !from.name.empty()) mail.from = from;
    }
    mail.to = Addresses(message.get(), GMIME_ADDRESS_TYPE_TO);
    mail.cc = Addresses(message.get(), GMIME_ADDRESS_TYPE_CC);
    std::string subject = ValidUtf8(Str(g_mime_message_get_subject(message.get())));
    std::replace_if(subject.begin(), subject.end(), [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
    mail.subject = subject;
    if (GDateTime* date = g_mime_message_get_date(message.get())) {
        mail.date_ms = std::int64_t(g_date_time_to_unix(date)) * 1000;
    }
    mail.auto_submitted = HeaderValue(object, "Auto-Submitted");
    if (const auto semicolon = mail.auto_submitted.find(';'); semicolon != std::string::npos) {
        mail.auto_submitted = Trim(mail.auto_submitted.substr(0, semicolon));
    }
    mail.precedence = HeaderValue(object, "Precedence");
    mail.list_id = HeaderValue(object, "List-Id");
    mail.x_autoreply = g_mime_object_get_header(object, "X-Autoreply") != nullptr ||
                       g_mime_object_get_header(object, "X-Autorespond") != nullptr;
    mail.x_auto_response_suppress = g_mime_object_get_header(object, "X-Auto-Response-Suppress") != nullptr;

    if (GMimeObject* body = g_mime_message_get_mime_part(message.get())) BodyWalker(mail).Walk(body);
    if (mail.text.empty() && !mail.html.empty()) mail.text = HtmlToText(mail.html);
    return mail;
}

}  // namespace shiftdesk::integrations
