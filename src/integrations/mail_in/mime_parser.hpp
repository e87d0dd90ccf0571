// Inbound email: one RFC 5322 message (raw bytes) into the desk's InboundMail, with gmime doing the MIME work
// (RFC 2047/2231 words, charsets, broken headers recovered as mail clients do, transfer encodings). Thread-safe:
// every call has its own parser.
#pragma once

#include <cstddef>
#include <string_view>

#include "common/result.hpp"
#include "domain/inbound_mail.hpp"

namespace shiftdesk::integrations {

// The largest message the desk takes (the size mail providers commonly accept, after encoding).
inline constexpr std::size_t kMaxInboundMailBytes = 25 * 1024 * 1024;

// Parses `raw` (CRLF or LF; a leading mbox "From " line is skipped). Fails with kMalformed when the bytes are not
// a message (no header at all) and kTooLarge past `max_bytes`; a message with defects is recovered, not
// refused. Text parts are converted to UTF-8 from their declared charset (an unknown or missing one is tried as
// UTF-8, then as windows-1252), the HTML body is also rendered as text when there is no text/plain body, and every
// other leaf part (and every attached message/rfc822, as an .eml) is an attachment.
Result<domain::InboundMail> ParseMail(std::string_view raw, std::size_t max_bytes = kMaxInboundMailBytes);

}  // namespace shiftdesk::integrations
