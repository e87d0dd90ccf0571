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

struct MailMessage {
    MailAddress from;
    std::vector<MailAddress> to;  // at least one
    std::string subject;          // any UTF-8
    std::string text;             // the text/plain part
    std::string html;             // the text/html part (already escaped by whoever wrote it)
    std::string message_id;       // without the angle brackets: "handoff-7@desk.example"
    Millis date = 0;              // the Date header, written in UTC
    // Extra headers, e.g. {"Auto-Submitted", "auto-generated"}. Names must be RFC 5322 field names.
    std::vector<std::pair<std::string, std::string>> headers;
};

// Whether `address` is a plain addr-spec a desk can send to: local@domain, printable ASCII, no spaces, no angle
// brackets, quotes, commas or control characters, at most 254 octets.
bool IsMailAddress(std::string_view address);

// The whole message, CRLF line ends, ready for SMTP DATA: From, To, Subject, Date, Message-ID, MIME-Version,
// the extra headers, then multipart/alternative with the text and HTML parts (quoted-printable, UTF-8).
// Header injection is impossible: CR, LF and other control characters in names, subjects and header values are
// replaced by spaces; non-ASCII display names and subjects are RFC 2047 encoded words; lines stay under 78 octets.
// Fails (kInvalid, naming the field) when an address is not IsMailAddress or a header name is not a field name.
Result<std::string> RenderMessage(const MailMessage& message);

}  // namespace shiftdesk::notify
