// Links the desk hands on to browsers and calendar apps (a call's join_url): only schemes that open a meeting or
// dial a number, so a stored value can never run script where it is clicked. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shiftdesk {

// The link's scheme in lower case ("https", "http", "tel", "sip", "sips") when `text` is an absolute URI by RFC 3986
// (parsed with Boost.URL: no spaces, quotes, angle brackets or control characters) with one of those schemes and
// something to open: a host for http(s), a number or address for the others. nullopt for anything else.
std::optional<std::string> SafeLinkScheme(std::string_view text);
inline bool IsSafeLink(std::string_view text) { return SafeLinkScheme(text).has_value(); }
// Whether `text` (trimmed) begins with a URI scheme other than those above ("javascript:", "data:"): text that an
// app might turn into a link of that scheme, so it is not passed on even as plain text.
bool StartsLikeOtherLink(std::string_view text);

}  // namespace shiftdesk
