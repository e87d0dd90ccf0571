#include "app/validation.hpp"

#include <algorithm>

#include "common/link.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace shiftdesk::app {
namespace {

std::string Field(std::string_view f) { return std::string(f); }

bool OnlyChars(std::string_view s, std::string_view extra) {
    return std::all_of(s.begin(), s.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
    });
}

}  // namespace

Result<std::string> CheckText(std::string_view field, std::string_view value, TextLimits limits) {
    if (!IsValidUtf8(value)) return Invalid(Field(field), Field(field) + " is not valid UTF-8");
    const std::string_view trimmed = Trim(value);
    if (limits.multiline ? HasControlCharsExceptWhitespace(trimmed) : HasControlChars(trimmed)) {
        return Invalid(Field(field), Field(field) + " contains control characters");
    }
    const std::size_t chars = Utf8Length(trimmed);
    if (chars < limits.min_chars) {
        return Invalid(Field(field),
                       limits.min_chars == 1 ? Field(field) + " must not be empty" : Field(field) + " is too short");
    }
    if (chars > limits.max_chars) {
        return Invalid(Field(field),
                       Field(field) + " is longer than " + std::to_string(limits.max_chars) + " characters");
    }
    return std::string(trimmed);
}

Result<std::string> CheckEmail(std::string_view field, std::string_view value) {
    const std::string_view trimmed = Trim(value);
    if (!IsValidUtf8(trimmed) || !IsPlausibleEmail(trimmed)) {
        return Invalid(Field(field), Field(field) + " is not an e-mail address");
    }
    return ToLowerAscii(trimmed);
}

Result<std::string> CheckLogin(std::string_view field, std::string_view value) {
    if (value.size() < 2 || value.size() > 64 || !OnlyChars(value, "._-")) {
        return Invalid(Field(field), Field(field) + " must be 2 to 64 of a-z, 0-9, '.', '_' and '-'");
    }
    return std::string(value);
}

Result<std::string> CheckPlan(std::string_view field, std::string_view value) {
    if (value.empty() || value.size() > 40 || !OnlyChars(value, "_-")) {
        return Invalid(Field(field), Field(field) + " must be 1 to 40 of a-z, 0-9, '_' and '-'");
    }
    return std::string(value);
}

Result<void> CheckPassword(std::string_view field, std::string_view value) {
    if (Utf8Length(value) < 8) return Invalid(Field(field), Field(field) + " must have at least 8 characters");
    if (value.size() > 1024) return Invalid(Field(field), Field(field) + " is longer than 1024 bytes");
    return {};
}

Result<std::string> CheckExtension(std::string_view field, std::string_view value) {
    const auto v = Trim(value);
    const bool digits = std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (v.size() < 2 || v.size() > 16 || !digits) {
        return Invalid(std::string(field), std::string(field) + " must be a desk phone extension: 2 to 16 digits");
    }
    return std::string(v);
}

Result<std::string> CheckPhoneTarget(std::string_view field, std::string_view value) {
    const auto v = Trim(value);
    const auto body = v.starts_with('+') ? v.substr(1) : v;
    const bool dialable =
        std::all_of(body.begin(), body.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '*' || ch == '#'; });
    if (body.size() < 2 || body.size() > 32 || !dialable) {
        return Invalid(std::string(field), std::string(field) +
                                               " must be an extension or a phone number: an optional + then 2 to 32 "
                                               "of 0-9 * #");
    }
    return std::string(v);
}

Result<std::string> CheckJoinUrl(std::string_view field, std::string_view value) {
    const std::string url = SD_TRY(CheckText(field, value, {0, 2000, false}));
    if (!url.empty() && !IsSafeLink(url)) {
        return Invalid(std::string(field), std::string(field) +
                                               " must be an https, http, tel, sip or sips link, e.g. "
                                               "https://meet.example.org/abc or tel:+33123456789");
    }
    return url;
}

Result<void> CheckDateWindow(std::string_view field, Millis at, Millis now, const policy::DateWindow& window) {
    const Millis earliest = now - window.max_days_back * kDay;
    const Millis latest = now + window.max_days_ahead * kDay;
    if (at > latest) {
        return Invalid(std::string(field), std::string(field) + " is more than " +
                                               std::to_string(window.max_days_ahead) +
                                               " days ahead: the latest the desk takes is " + FormatRfc3339(latest) +
                                               " (policy [dates] max_days_ahead)");
    }
    if (at < earliest) {
        return Invalid(std::string(field), std::string(field) + " is more than " +
                                               std::to_string(window.max_days_back) +
                                               " days back: the earliest the desk takes is " + FormatRfc3339(earliest) +
                                               " (policy [dates] max_days_back)");
    }
    return {};
}

Result<void> CheckDayWindow(std::string_view field, CivilDay day, CivilDay today, const policy::DateWindow& window) {
    const CivilDay earliest = today + (-window.max_days_back);
    const CivilDay latest = today + window.max_days_ahead;
    if (day > latest) {
        return Invalid(std::string(field), std::string(field) + " is more than " +
                                               std::to_string(window.max_days_ahead) +
                                               " days ahead: the latest day the desk takes is " +
                                               FormatIsoDate(latest) + " (policy [dates] max_days_ahead)");
    }
    if (day < earliest) {
        return Invalid(std::string(field), std::string(field) + " is more than " +
                                               std::to_string(window.max_days_back) +
                                               " days back: the earliest day the desk takes is " +
                                               FormatIsoDate(earliest) + " (policy [dates] max_days_back)");
    }
    return {};
}

}  // namespace shiftdesk::app
