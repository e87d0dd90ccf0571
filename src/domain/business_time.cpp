#include "domain/business_time.hpp"

#include <algorithm>

namespace shiftdesk::domain {
namespace {

// A calendar with no working day at all is refused when the policy is read; this bounds the walk regardless.
constexpr int kMaxDaysWalked = 366 * 20;

}  // namespace

bool BusinessCalendar::WorksOn(CivilDay day) const {
    return week[static_cast<std::size_t>(day.Weekday())].Works() &&
           !std::binary_search(holidays.begin(), holidays.end(), day);
}

Millis BusinessClock::Add(Millis from, Millis business) const {
    if (business <= 0) return from;
    Millis left = business;
    CivilDay day = zone_.DayOf(from);
    for (int i = 0; i < kMaxDaysWalked; ++i, day = day + 1) {
        if (!calendar_.WorksOn(day)) continue;
        const WorkingHours& h = calendar_.week[static_cast<std::size_t>(day.Weekday())];
        const Millis open = std::max(from, zone_.At(day, h.open));
        const Millis close = zone_.At(day, h.close);
        if (open >= close) continue;
        if (left <= close - open) return open + left;
        left -= close - open;
    }
    return from + business;  // unreachable with a valid calendar: fall back to wall-clock time
}

Millis BusinessClock::Between(Millis from, Millis to) const {
    if (to <= from) return 0;
    Millis total = 0;
    const CivilDay last = zone_.DayOf(to);
    CivilDay day = zone_.DayOf(from);
    for (int i = 0; i < kMaxDaysWalked && day <= last; ++i, day = day + 1) {
        if (!calendar_.WorksOn(day)) continue;
        const WorkingHours& h = calendar_.week[static_cast<std::size_t>(day.Weekday())];
        const Millis open = std::max(from, zone_.At(day, h.open));
        const Millis close = std::min(to, zone_.At(day, h.close));
        if (close > open) total += close - open;
    }
    return total;
}

}  // namespace shiftdesk::domain
