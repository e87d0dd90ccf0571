// Checks on user-supplied text. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace shiftdesk {

std::string_view Trim(std::string_view s);
bool IsValidUtf8(std::string_view s);
// Any C0 control character or DEL. Single-line fields (subjects, names, addresses) refuse these,
// so nothing a user types can split a mail header or a log line.
bool HasControlChars(std::string_view s);
// Like HasControlChars but allows newlines and tabs: for message bodies.
bool HasControlCharsExceptWhitespace(std::string_view s);
// local@domain with one '@', a dot in the domain, no spaces or control characters; not a full RFC 5321 parser.
bool IsPlausibleEmail(std::string_view s);
std::string ToLowerAscii(std::string_view s);
// Counts code points (the input must be valid UTF-8): limits are in characters, not bytes.
std::size_t Utf8Length(std::string_view s);
// The first `max_chars` characters of `s` (valid UTF-8), cut on a character boundary.
std::string CutUtf8(std::string_view s, std::size_t max_chars);
// Text made safe inside HTML elements and attribute values: & < > " ' escaped.
std::string EscapeHtml(std::string_view s);

}  // namespace shiftdesk
