#include "common/civil_time.hpp"

#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace shiftdesk {
namespace {

using std::chrono::milliseconds;

std::optional<int> Digits(std::string_view s) {
    int v = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

std::optional<CivilDay> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = Digits(text.substr(0, 4));
    const auto m = Digits(text.substr(5, 2));
    const auto d = Digits(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                                   date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return CivilDay{static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count())};
}

std::string FormatIsoDate(CivilDay day) { return date::format("%F", date::sys_days{date::days{day.days}}); }

Result<TimeZone> TimeZone::Find(std::string_view name, std::string_view field) {
    try {
        return TimeZone(date::locate_zone(name));
    } catch (const std::exception&) {
        return Invalid(std::string(field),
                       std::string(field) + " \"" + std::string(name) +
                           "\" is not a time zone: use an IANA name such as \"Europe/Paris\" or \"UTC\"");
    }
}

Millis TimeZone::At(CivilDay day, int minute) const {
    const date::local_time<milliseconds> local{date::local_days{date::days{day.days}} + std::chrono::minutes{minute}};
    const date::zoned_time<milliseconds> at{zone_, local, date::choose::earliest};
    return at.get_sys_time().time_since_epoch().count();
}

CivilDay TimeZone::DayOf(Millis instant) const {
    const date::sys_time<milliseconds> t{milliseconds{instant}};
    const auto local = date::floor<date::days>(zone_->to_local(t));
    return CivilDay{static_cast<std::int32_t>(local.time_since_epoch().count())};
}

int TimeZone::MinuteOfDay(Millis instant) const {
    const date::sys_time<milliseconds> t{milliseconds{instant}};
    const auto local = zone_->to_local(t);
    const auto since_midnight = local - date::floor<date::days>(local);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
}

std::string TimeZone::FormatLocal(Millis instant) const {
    const int minute = MinuteOfDay(instant);
    char hm[8];
    std::snprintf(hm, sizeof hm, "%02d:%02d", minute / 60, minute % 60);
    return FormatIsoDate(DayOf(instant)) + " " + hm;
}

std::string_view TimeZone::name() const { return zone_->name(); }

}  // namespace shiftdesk
