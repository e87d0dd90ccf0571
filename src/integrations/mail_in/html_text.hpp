// An HTML mail body as plain text (for the thread, search and notifications), by libxml2's forgiving HTML parser.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace shiftdesk::integrations {

// The text a reader sees: script, style and head left out; block elements (p, div, br, li, tr, headings) end a
// line; runs of white space collapsed; at most one blank line in a row; entities decoded. `html` is UTF-8.
std::string HtmlToText(std::string_view html);

}  // namespace shiftdesk::integrations
