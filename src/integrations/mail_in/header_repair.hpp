// Broken header blocks mended the way mail clients read them, before the MIME parser sees them. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shiftdesk::integrations {

// `raw` with its header block (everything before the first empty line) mended: a few lines of junk before the
// first header (a pasted "---- Original message ----") are dropped, and a line inside the block that is neither
// "Name: value" nor indented (an unfolded continuation, as some filters write) is folded into the header above
// it. Returns nullopt when nothing needed mending, so the common case copies nothing.
std::optional<std::string> RepairHeaders(std::string_view raw);

// Whether `line` starts a header field: a name of printable ASCII without ':' or space, then ':'.
bool IsHeaderStart(std::string_view line);

}  // namespace shiftdesk::integrations
