// A customer's email as the desk sees it once parsed: who, what, which thread, the text, the attachments, and
// the marks that say a machine sent it. Pure data, filled by integrations/mail_in; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/mail_address.hpp"

namespace shiftdesk::domain {

struct MailAttachment {
    std::string filename;      // decoded (RFC 2047/2231); a made-up name when the part has none
    std::string content_type;  // "image/png", lower case
    std::string content_id;    // without <>, for inline images referenced by the HTML (cid:)
    bool inline_part = false;  // Content-Disposition: inline, or an image the HTML shows
    std::string data;          // the decoded bytes
};

// A delivery status notification (RFC 3464) about a message the desk sent.
struct DeliveryReport {
    std::string action;               // "failed", "delayed", "delivered", "relayed", "expanded" (lower case)
    std::string status;               // "5.1.1"
    std::vector<std::string> recipients;  // Final-Recipient addresses
    std::string original_message_id;  // of the message it reports on, without <>, when the report carries it
    std::string diagnostic;           // Diagnostic-Code, for the author
};

struct InboundMail {
    std::string message_id;               // without <>; empty when the message has none
    std::vector<std::string> in_reply_to;  // message ids, without <>
    std::vector<std::string> references;   // oldest first, without <>
    std::optional<MailAddress> from;
    std::optional<MailAddress> sender;
    std::vector<MailAddress> reply_to, to, cc;
    std::string subject;                  // decoded, one line
    std::optional<std::int64_t> date_ms;  // the Date header, when it parses
    std::string text;  // the message's text in UTF-8: its text/plain body, or its HTML body as text
    std::string html;  // its text/html body in UTF-8, as sent: never shown without sanitising
    std::vector<MailAttachment> attachments;

    // What says a machine sent it (loop protection): header values lower-cased and trimmed, empty when absent.
    std::string auto_submitted;  // RFC 3834: "no", "auto-replied", "auto-generated", ...
    std::string precedence;      // "bulk", "junk", "list"
    std::string list_id;
    bool x_autoreply = false;                // X-Autoreply or X-Autorespond present
    bool x_auto_response_suppress = false;   // Microsoft's "do not auto-reply to me", set on auto-replies
    std::optional<DeliveryReport> delivery_report;  // a multipart/report; report-type=delivery-status
};

}  // namespace shiftdesk::domain
