// iCalendar (RFC 5545) feeds that calendar apps subscribe to: an engineer's calls and trainings, the team's leave.
// Pure (the time comes in as a value) and thread-safe: each call builds and frees its own libical components. Not
// thread-safe in libical, so never called while feeds render: icalerror_set_errors_are_fatal,
// icalerror_set_error_state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/civil_time.hpp"
#include "common/clock.hpp"

namespace shiftdesk::integrations {

// A customer call or a training session.
struct TimedEvent {
    std::string uid;  // stable and globally unique ("call-42@shiftdesk"): apps match updates by it
    Millis starts_at = 0;
    Millis ends_at = 0;  // no DTEND (an instant) unless after starts_at, as RFC 5545 requires
    std::string summary;
    std::string description;  // left out when empty
    std::string location;     // a join link or a phone number; left out when empty, or when it begins like a link
                              // of a scheme other than https, http, tel, sip or sips ("javascript:", "data:")
    std::string url;          // emitted only when it is an http(s) link by RFC 3986 (common/link.hpp)
    int sequence = 0;         // bump whenever the event changes, or apps may keep the old version
    bool cancelled = false;   // STATUS:CANCELLED, so subscribed apps remove it; a cancelled event rings no alarm
    std::vector<int> alarm_minutes_before;  // one display alarm each
};

// A planned leave: whole days, no time of day.
struct AllDayEvent {
    std::string uid;
    CivilDay first_day;
    CivilDay last_day;  // inclusive; a last_day before first_day is taken as a one-day leave
    std::string summary;
    bool cancelled = false;
    int sequence = 0;  // bump whenever the leave changes (cancelling it included)
};

// A whole VCALENDAR: VERSION:2.0, PRODID "-//shiftdesk//<calendar_name>//EN", METHOD:PUBLISH and
// X-WR-CALNAME:<calendar_name> (the name apps show), then the timed events and the all-day events in the order given,
// each with DTSTAMP = now. Times are UTC ("...Z"); all-day events are DATE values with the exclusive DTEND RFC 5545
// asks for. An event with a time or day outside the years 1970-3000 is left out, whatever was stored: libical
// writes a date after 3000 as "00000000T000000", which calendar apps reject, and the desk takes no such dates. Text is
// escaped, lines end in CRLF and are folded at 75 octets. The first call in a process reads the system's zone list once
// (/usr/share/zoneinfo/zone.tab: libical sets up its UTC zone with it). REQUIRES: text is valid UTF-8 (the desk checks
// what users type); uids are non-empty and unique within the feed.
std::string RenderCalendar(std::string_view calendar_name, const std::vector<TimedEvent>& timed,
                           const std::vector<AllDayEvent>& all_day, Millis now);

}  // namespace shiftdesk::integrations
