#include "integrations/calendar_feed.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <memory>

#include "common/link.hpp"

namespace shiftdesk::integrations {
namespace {

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

struct CFree {
    void operator()(char* p) const { std::free(p); }
};

// libical 3.0.16 sets up its UTC zone on first use and writes to it before taking its lock, so two threads rendering
// the first feeds at once would race. A function-local static runs that first use exactly once; afterwards libical
// only reads the zone.
icaltimezone* Utc() {
    static icaltimezone* const utc = icaltimezone_get_utc_timezone();
    return utc;
}

icaltimetype UtcTime(Millis t) {
    // Floor, not truncation: an instant before 1970 must not move forward by a second.
    Millis seconds = t / kSecond;
    if (t % kSecond < 0) --seconds;
    return icaltime_from_timet_with_zone(static_cast<std::time_t>(seconds), 0, Utc());
}

// With no zone, the UTC date of the day's midnight is the civil day itself, and libical writes it as a DATE value.
icaltimetype DateOf(CivilDay day) {
    return icaltime_from_timet_with_zone(static_cast<std::time_t>(day.days) * (kDay / kSecond), 1, nullptr);
}

// A URI value is written as it is, unescaped: a CR or LF in it would start a property of the sender's choosing. A
// link by RFC 3986 holds neither (nor spaces, quotes or angle brackets).
bool IsHttpUrl(std::string_view url) {
    const auto scheme = SafeLinkScheme(url);
    return scheme && (*scheme == "https" || *scheme == "http");
}

// The years a feed may write: 1970-01-01T00:00:00Z up to 3000-12-31T23:59:59Z. Before 1970 time_t turns negative;
// libical 3.0 writes any date after the year 3000 as "00000000T000000", which calendar apps reject.
constexpr Millis kEarliest = 0;
constexpr Millis kLatest = 32535215999 * kSecond;  // 3000-12-31T23:59:59Z
constexpr CivilDay kLastDay{376564};               // 3000-12-31

bool Writable(Millis t) { return t >= kEarliest && t <= kLatest; }
bool Writable(CivilDay d) { return d >= CivilDay{0} && d <= kLastDay; }

void Add(icalcomponent* component, icalproperty* property) { icalcomponent_add_property(component, property); }

// DISPLAY alarms must carry a DESCRIPTION (RFC 5545 3.6.6); the event's summary is what the reminder should say.
Component Alarm(int minutes_before, const std::string& summary) {
    icaltriggertype trigger{};
    trigger.time = icaltime_null_time();
    // Built from a duration rather than icaltriggertype_from_string, which flips libical's global error state.
    trigger.duration = icaldurationtype_from_int(-minutes_before * 60);
    Component alarm(icalcomponent_new(ICAL_VALARM_COMPONENT));
    Add(alarm.get(), icalproperty_new_action(ICAL_ACTION_DISPLAY));
    Add(alarm.get(), icalproperty_new_trigger(trigger));
    Add(alarm.get(), icalproperty_new_description(summary.c_str()));
    return alarm;
}

Component Event(const std::string& uid, icaltimetype stamp, int sequence, bool cancelled) {
    Component event(icalcomponent_new(ICAL_VEVENT_COMPONENT));
    Add(event.get(), icalproperty_new_uid(uid.c_str()));
    Add(event.get(), icalproperty_new_dtstamp(stamp));
    Add(event.get(), icalproperty_new_sequence(sequence));
    Add(event.get(), icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    return event;
}

Component Timed(const TimedEvent& e, icaltimetype stamp) {
    Component event = Event(e.uid, stamp, e.sequence, e.cancelled);
    Add(event.get(), icalproperty_new_dtstart(UtcTime(e.starts_at)));
    if (e.ends_at > e.starts_at) Add(event.get(), icalproperty_new_dtend(UtcTime(e.ends_at)));
    Add(event.get(), icalproperty_new_summary(e.summary.c_str()));
    if (!e.description.empty()) Add(event.get(), icalproperty_new_description(e.description.c_str()));
    if (!e.location.empty() && !StartsLikeOtherLink(e.location)) {
        Add(event.get(), icalproperty_new_location(e.location.c_str()));
    }
    if (IsHttpUrl(e.url)) Add(event.get(), icalproperty_new_url(e.url.c_str()));
    if (!e.cancelled) {
        for (int minutes : e.alarm_minutes_before) {
            icalcomponent_add_component(event.get(), Alarm(minutes, e.summary).release());
        }
    }
    return event;
}

Component AllDay(const AllDayEvent& e, icaltimetype stamp) {
    Component event = Event(e.uid, stamp, e.sequence, e.cancelled);
    const CivilDay last = e.last_day < e.first_day ? e.first_day : e.last_day;
    Add(event.get(), icalproperty_new_dtstart(DateOf(e.first_day)));
    Add(event.get(), icalproperty_new_dtend(DateOf(last + 1)));
    Add(event.get(), icalproperty_new_summary(e.summary.c_str()));
    // All-day events default to free in some apps; a leave is time the person cannot be booked.
    Add(event.get(), icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    return event;
}

}  // namespace

std::string RenderCalendar(std::string_view calendar_name, const std::vector<TimedEvent>& timed,
                           const std::vector<AllDayEvent>& all_day, Millis now) {
    // First, so the UTC zone is set up (see Utc) before libical asks for it itself while building and writing.
    const icaltimetype stamp = UtcTime(std::clamp(now, kEarliest, kLatest));
    const std::string name(calendar_name);

    Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    Add(calendar.get(), icalproperty_new_version("2.0"));
    Add(calendar.get(), icalproperty_new_prodid(("-//shiftdesk//" + name + "//EN").c_str()));
    Add(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty* display_name = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(display_name, "X-WR-CALNAME");
    Add(calendar.get(), display_name);

    for (const TimedEvent& e : timed) {
        if (!Writable(e.starts_at) || (e.ends_at > e.starts_at && !Writable(e.ends_at))) continue;
        icalcomponent_add_component(calendar.get(), Timed(e, stamp).release());
    }
    for (const AllDayEvent& e : all_day) {
        const CivilDay last = e.last_day < e.first_day ? e.first_day : e.last_day;
        if (!Writable(e.first_day) || !Writable(last + 1)) continue;  // DTEND is the day after the last
        icalcomponent_add_component(calendar.get(), AllDay(e, stamp).release());
    }

    const std::unique_ptr<char, CFree> text(icalcomponent_as_ical_string_r(calendar.get()));
    return text ? std::string(text.get()) : std::string();
}

}  // namespace shiftdesk::integrations
