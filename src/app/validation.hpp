// Field checks shared by every way in (HTTP, CLI, demo): each failure is a kInvalid error naming the field.
// Pure; thread-safe.
#pragma once

#include <string_view>

#include "common/civil_time.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "policy/settings.hpp"

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
// A link to join a call or session: empty (none), or an https, http, tel, sip or sips URI (Boost.URL), trimmed.
// Anything else — javascript:, data:, a bare word — is refused: the link reaches browsers and calendar apps.
Result<std::string> CheckJoinUrl(std::string_view field, std::string_view value);
// Every date the API takes falls within the policy's window around now: at most window.max_days_back days before
// `now` and window.max_days_ahead days after it. Outside it, kInvalid naming the field and saying the bound.
Result<void> CheckDateWindow(std::string_view field, Millis at, Millis now, const policy::DateWindow& window);
// The same for a calendar day, against today in the team's zone.
Result<void> CheckDayWindow(std::string_view field, CivilDay day, CivilDay today, const policy::DateWindow& window);

}  // namespace shiftdesk::app
