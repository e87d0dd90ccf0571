// Business time (R2): the team's working hours per weekday and its holidays, in the team's time zone. SLA targets
// count business minutes; promises and calls count wall-clock time. Pure given the zone database; thread-safe.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "common/civil_time.hpp"
#include "common/clock.hpp"

namespace shiftdesk::domain {

// Working hours of one weekday, minutes after local midnight; open == close is a day off.
struct WorkingHours {
    int open = 0;
    int close = 0;
    bool Works() const { return close > open; }
};

struct BusinessCalendar {
    std::string time_zone = "UTC";
    // Monday first (ISO). Default: Monday to Friday, 09:00-17:00.
    std::array<WorkingHours, 7> week{{{540, 1020}, {540, 1020}, {540, 1020}, {540, 1020}, {540, 1020}, {0, 0}, {0, 0}}};
    std::vector<CivilDay> holidays;  // sorted, no repeats

    bool WorksOn(CivilDay day) const;
};

// Counts business time on one calendar in one zone.
class BusinessClock {
 public:
    BusinessClock(const BusinessCalendar& calendar, TimeZone zone) : calendar_(calendar), zone_(zone) {}

    // The instant by which `business` milliseconds of working time have passed since `from`. Zero is `from`
    // itself, even outside working hours.
    Millis Add(Millis from, Millis business) const;
    // Working time in [from, to); zero when `to` is not after `from`.
    Millis Between(Millis from, Millis to) const;

 private:
    const BusinessCalendar& calendar_;
    TimeZone zone_;
};

}  // namespace shiftdesk::domain
