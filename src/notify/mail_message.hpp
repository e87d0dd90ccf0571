// Outbound mail as the desk writes it: one RFC 5322 message with a plain-text and an HTML part
// (multipart/alternative), UTF-8 throughout. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace shiftdesk::notify {

struct MailAddress {
    std::string name;     // display name, any UTF-8; may be empty
    std::string address;  // addr-spec, e.g. "team@desk.example"
};

// A file sent with a message, e.g. an attachment to a reply.
struct MailAttachment {
    std::string filename;      // any UTF-8; RFC 2231 encoded when it is not plain ASCII
    std::string content_type;  // "application/pdf"; anything that is not type/subtype goes as octet-stream
    std::string data;          // the bytes, sent base64
};

struct MailMessage {
    MailAddress from;
    std::vector<MailAddress> to;  // at least one
    std::vector<MailAddress> cc;
    std::vector<MailAddress> reply_to;
    // Threading (RFC 5322 3.6.4), without angle brackets: the message this one answers, and the thread so far.
    std::string in_reply_to;
    std::vector<std::string> references;
    std::string subject;          // any UTF-8
    std::string text;             // the text/plain part
    std::string html;             // the text/html part (already escaped by whoever wrote it)
    std::string message_id;       // without the angle brackets: "handoff-7@desk.example"
    Millis date = 0;              // the Date header, written in UTC
    // Extra headers, e.g. {"Auto-Submitted", "auto-generated"}. Names must be RFC 5322 field names.
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<MailAttachment> attachments;
};

// Whether `address` is a plain addr-spec a desk can send to: local@domain, printable ASCII, no spaces, no angle
// brackets, quotes, commas or control characters, at most 254 octets.
bool IsMailAddress(std::string_view address);

// The whole message, CRLF line ends, ready for SMTP DATA: From, To, Cc, Reply-To, Subject, Date, Message-ID,
// In-Reply-To, References, MIME-Version, the extra headers, then multipart/alternative with the text and HTML parts
// (quoted-printable, UTF-8) — inside multipart/mixed with one base64 part per attachment when there are any.
// Header injection is impossible: CR, LF and other control characters in names, subjects and header values are
// replaced by spaces; non-ASCII display names and subjects are RFC 2047 encoded words; lines stay under 78 octets.
// Fails (kInvalid, naming the field) when an address is not IsMailAddress or a header name is not a field name.
// Bcc is never written: blind recipients are envelope recipients only.
Result<std::string> RenderMessage(const MailMessage& message);

}  // namespace shiftdesk::notify
