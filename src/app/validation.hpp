// Field checks shared by every way in (HTTP, CLI, demo): each failure is a kInvalid error naming the field.
// Pure; thread-safe.
#pragma once

#include <string_view>

#include "common/result.hpp"

namespace shiftdesk::app {

struct TextLimits {
    std::size_t min_chars = 1;
    std::size_t max_chars = 200;
    bool multiline = false;  // bodies may hold newlines and tabs; one-line fields hold no control characters
};

inline constexpr TextLimits kOneLine{1, 200, false};
inline constexpr TextLimits kBody{1, 20000, true};

// Checks trimmed text against the limits; returns it trimmed.
Result<std::string> CheckText(std::string_view field, std::string_view value, TextLimits limits);
Result<std::string> CheckEmail(std::string_view field, std::string_view value);
// Logins: 2-64 of a-z 0-9 . _ -
Result<std::string> CheckLogin(std::string_view field, std::string_view value);
// Plans name an SLA tier: 1-40 of a-z 0-9 _ -
Result<std::string> CheckPlan(std::string_view field, std::string_view value);
Result<void> CheckPassword(std::string_view field, std::string_view value);
// A desk phone extension: 2-16 digits. A diversion target (R13): an extension or a number, "+" then 2-32 of
// 0-9 * #. Nothing else reaches a phone system.
Result<std::string> CheckExtension(std::string_view field, std::string_view value);
Result<std::string> CheckPhoneTarget(std::string_view field, std::string_view value);

}  // namespace shiftdesk::app
