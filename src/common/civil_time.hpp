// Calendar days and the team's time zone: leave is planned in whole days of the team's zone (R4), and SLA
// business hours count in it (R2). Backed by the IANA time zone database of the system (tzdata).
// Value types; thread-safe (the zone database is read-only once loaded).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace date {
class time_zone;
}

namespace shiftdesk {

// A calendar day, counted from 1970-01-01 (day 0), with no time zone of its own.
struct CivilDay {
    std::int32_t days = 0;
    auto operator<=>(const CivilDay&) const = default;
    CivilDay operator+(std::int32_t n) const { return {days + n}; }
    // 0 = Monday ... 6 = Sunday (ISO 8601).
    int Weekday() const { return static_cast<int>(((days % 7) + 7 + 3) % 7); }
};

// Strict ISO 8601 calendar date: "2026-11-23"; nullopt for anything else, or a day that does not exist.
std::optional<CivilDay> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(CivilDay day);

class TimeZone {
 public:
    // An IANA zone name ("Europe/Paris", "UTC"); an unknown name is an error naming the field.
    static Result<TimeZone> Find(std::string_view name, std::string_view field = "time_zone");

    // The instant the day begins in this zone (the earliest, where a clock change skips midnight).
    Millis StartOf(CivilDay day) const { return At(day, 0); }
    // The instant the wall clock shows `minute` minutes past midnight on `day` (0..1440). A time a clock change
    // skips maps to the change itself; a time it repeats, to the earlier one.
    Millis At(CivilDay day, int minute) const;
    // The day an instant falls on in this zone.
    CivilDay DayOf(Millis instant) const;
    // The wall clock's minutes past midnight at an instant (0..1439).
    int MinuteOfDay(Millis instant) const;
    // "2026-12-01 09:30": the wall clock at an instant, for people and spreadsheets.
    std::string FormatLocal(Millis instant) const;
    std::string_view name() const;

 private:
    explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
    const date::time_zone* zone_;
};

}  // namespace shiftdesk
