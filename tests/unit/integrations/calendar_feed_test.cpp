// Calendar feeds: read back by libical's own parser and by a second one, with the RFC 5545 details subscribed apps
// depend on (CRLF, 75-octet folding, escaping, exclusive all-day ends, cancellations, alarms).
#include "integrations/calendar_feed.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <thread>

#include "common/text.hpp"
#include "common/time.hpp"
#include "support/command.hpp"
#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::integrations {
namespace {

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Parsed = std::unique_ptr<icalcomponent, ComponentFree>;

const Millis kNow = *ParseRfc3339("2026-03-02T08:00:00Z");
const Millis kCallStart = *ParseRfc3339("2026-03-03T10:00:00Z");

TimedEvent Call(std::string uid) {
    TimedEvent e;
    e.uid = std::move(uid);
    e.starts_at = kCallStart;
    e.ends_at = kCallStart + 30 * kMinute;
    e.summary = "Call ACME (ticket #42)";
    e.alarm_minutes_before = {15, 5};
    return e;
}

AllDayEvent Leave(std::string uid, const char* first, const char* last) {
    return {.uid = std::move(uid),
            .first_day = *ParseIsoDate(first),
            .last_day = *ParseIsoDate(last),
            .summary = "Ann: planned leave"};
}

// libical's parser does not fail on bad input: it keeps going and leaves X-LIC-ERROR properties where it stumbled.
int ParseErrors(icalcomponent* c) {
    int n = icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY);
    for (icalcomponent* sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        n += ParseErrors(sub);
    }
    return n;
}

Parsed Parse(const std::string& text) {
    icalerror_clear_errno();
    Parsed calendar(icalparser_parse_string(text.c_str()));
    EXPECT_TRUE(calendar);
    if (!calendar) return calendar;
    EXPECT_EQ(icalerrno, ICAL_NO_ERROR) << icalerror_strerror(icalerrno);
    EXPECT_EQ(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
    EXPECT_EQ(ParseErrors(calendar.get()), 0) << text;
    return calendar;
}

std::vector<icalcomponent*> Children(icalcomponent* parent, icalcomponent_kind kind) {
    std::vector<icalcomponent*> out;
    for (icalcomponent* c = icalcomponent_get_first_component(parent, kind); c;
         c = icalcomponent_get_next_component(parent, kind)) {
        out.push_back(c);
    }
    return out;
}

icalcomponent* EventWithUid(icalcomponent* calendar, std::string_view uid) {
    for (icalcomponent* e : Children(calendar, ICAL_VEVENT_COMPONENT)) {
        if (icalcomponent_get_uid(e) == uid) return e;
    }
    ADD_FAILURE() << "no VEVENT with UID " << uid;
    return nullptr;
}

std::string Text(icalcomponent* c, icalproperty_kind kind) {
    icalproperty* p = icalcomponent_get_first_property(c, kind);
    if (!p) return "<absent>";
    const char* value = icalproperty_get_value_as_string(p);
    return value ? value : "";
}

Millis Instant(icaltimetype t) { return static_cast<Millis>(icaltime_as_timet(t)) * kSecond; }

// The raw lines, without their CRLF; a feed that does not end in CRLF gets an extra last line that says so.
std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find("\r\n", at);
        if (end == std::string::npos) {
            lines.push_back("<no CRLF at the end>" + text.substr(at));
            break;
        }
        lines.push_back(text.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

std::string Unfold(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(CalendarFeed, RoundTripsThroughLibicalsParser) {
    TimedEvent call = Call("call-42@shiftdesk");
    call.sequence = 3;
    call.description = "Customer reports a stuck queue";
    call.location = "+41 44 000 00 00";
    call.url = "https://meet.example.com/acme-42";
    TimedEvent training = Call("training-7@shiftdesk");
    training.starts_at = kCallStart + 2 * kHour;
    training.ends_at = training.starts_at + 90 * kMinute;
    training.alarm_minutes_before.clear();
    const std::string text =
        RenderCalendar("calls", {call, training}, {Leave("leave-9@shiftdesk", "2026-03-10", "2026-03-13")}, kNow);

    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    EXPECT_EQ(Text(calendar.get(), ICAL_VERSION_PROPERTY), "2.0");
    EXPECT_EQ(Text(calendar.get(), ICAL_PRODID_PROPERTY), "-//shiftdesk//calls//EN");
    EXPECT_EQ(Text(calendar.get(), ICAL_METHOD_PROPERTY), "PUBLISH");
    EXPECT_TRUE(Contains(text, "\r\nX-WR-CALNAME:calls\r\n"));
    ASSERT_EQ(Children(calendar.get(), ICAL_VEVENT_COMPONENT).size(), 3u);

    icalcomponent* c = EventWithUid(calendar.get(), "call-42@shiftdesk");
    ASSERT_TRUE(c);
    EXPECT_TRUE(icaltime_is_utc(icalcomponent_get_dtstart(c)));
    EXPECT_EQ(Instant(icalcomponent_get_dtstart(c)), kCallStart);
    EXPECT_EQ(Instant(icalcomponent_get_dtend(c)), kCallStart + 30 * kMinute);
    EXPECT_EQ(Instant(icalcomponent_get_dtstamp(c)), kNow);
    EXPECT_EQ(icalcomponent_get_status(c), ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(icalcomponent_get_sequence(c), 3);
    EXPECT_STREQ(icalcomponent_get_summary(c), "Call ACME (ticket #42)");
    EXPECT_STREQ(icalcomponent_get_description(c), "Customer reports a stuck queue");
    EXPECT_STREQ(icalcomponent_get_location(c), "+41 44 000 00 00");
    EXPECT_EQ(Text(c, ICAL_URL_PROPERTY), "https://meet.example.com/acme-42");
    // The literal forms, as apps see them.
    EXPECT_TRUE(Contains(text, "\r\nDTSTART:20260303T100000Z\r\n"));
    EXPECT_TRUE(Contains(text, "\r\nDTEND:20260303T103000Z\r\n"));
    EXPECT_TRUE(Contains(text, "\r\nDTSTAMP:20260302T080000Z\r\n"));

    const auto alarms = Children(c, ICAL_VALARM_COMPONENT);
    ASSERT_EQ(alarms.size(), 2u);
    std::vector<int> triggers;
    for (icalcomponent* alarm : alarms) {
        icalproperty* action = icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY);
        ASSERT_TRUE(action);
        EXPECT_EQ(icalproperty_get_action(action), ICAL_ACTION_DISPLAY);
        EXPECT_EQ(Text(alarm, ICAL_DESCRIPTION_PROPERTY), "Call ACME (ticket #42)") << "DISPLAY requires it";
        icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
        ASSERT_TRUE(trigger);
        triggers.push_back(icaldurationtype_as_int(icalproperty_get_trigger(trigger).duration));
    }
    EXPECT_EQ(triggers, (std::vector<int>{-15 * 60, -5 * 60}));
    EXPECT_TRUE(Contains(text, "\r\nTRIGGER:-PT15M\r\n"));
    EXPECT_TRUE(Contains(text, "\r\nTRIGGER:-PT5M\r\n"));

    icalcomponent* t = EventWithUid(calendar.get(), "training-7@shiftdesk");
    ASSERT_TRUE(t);
    EXPECT_EQ(Instant(icalcomponent_get_dtstart(t)), kCallStart + 2 * kHour);
    EXPECT_EQ(Instant(icalcomponent_get_dtend(t)), kCallStart + 2 * kHour + 90 * kMinute);
    EXPECT_EQ(icalcomponent_get_sequence(t), 0);
    EXPECT_TRUE(Children(t, ICAL_VALARM_COMPONENT).empty());
    EXPECT_EQ(Text(t, ICAL_DESCRIPTION_PROPERTY), "<absent>") << "empty fields are left out";
    EXPECT_EQ(Text(t, ICAL_LOCATION_PROPERTY), "<absent>");
    EXPECT_EQ(Text(t, ICAL_URL_PROPERTY), "<absent>");

    icalcomponent* leave = EventWithUid(calendar.get(), "leave-9@shiftdesk");
    ASSERT_TRUE(leave);
    EXPECT_TRUE(icalcomponent_get_dtstart(leave).is_date);
    EXPECT_EQ(icalcomponent_get_status(leave), ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(Text(leave, ICAL_TRANSP_PROPERTY), "OPAQUE");
    EXPECT_EQ(Instant(icalcomponent_get_dtstamp(leave)), kNow);
}

TEST(CalendarFeed, LinesEndInCrlfAndAreFoldedAt75OctetsOnCharacterBoundaries) {
    TimedEvent call = Call("call-1@shiftdesk");
    std::string summary;
    // No trailing space: libical's parser drops trailing white space from any value.
    for (int i = 0; i < 12; ++i) summary += "Rückruf bei Müller & Söhne — Kühlhaus 北京 ☎ ";
    summary += "Ende";
    call.summary = summary;
    call.description = std::string(300, 'x') + "," + std::string(200, 'y');
    const std::string text = RenderCalendar("calls", {call}, {}, kNow);

    ASSERT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n"));
    ASSERT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
    int continuations = 0;
    for (const std::string& line : Lines(text)) {
        EXPECT_LE(line.size(), 75u) << line;
        EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "a bare CR or LF: " << line;
        EXPECT_TRUE(IsValidUtf8(line)) << "a fold split a character: " << line;
        if (line.starts_with(" ")) ++continuations;
    }
    EXPECT_GT(continuations, 10) << "the long summary and description must have been folded";

    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    icalcomponent* e = EventWithUid(calendar.get(), "call-1@shiftdesk");
    ASSERT_TRUE(e);
    EXPECT_EQ(icalcomponent_get_summary(e), summary) << "folding must not change the text";
    EXPECT_EQ(icalcomponent_get_description(e), call.description);
}

TEST(CalendarFeed, TextIsEscapedAndReadsBackUnchanged) {
    TimedEvent call = Call("call-2@shiftdesk");
    call.summary = "a, b; c\nd";
    call.description = "line one\nline two; with \\ backslash, comma";
    call.location = "Zürich, Room 3; Floor 2";
    const std::string text = RenderCalendar("calls", {call}, {}, kNow);

    const std::string unfolded = Unfold(text);
    EXPECT_TRUE(Contains(unfolded, "\r\nSUMMARY:a\\, b\\; c\\nd\r\n")) << unfolded;
    EXPECT_TRUE(Contains(unfolded, "\r\nDESCRIPTION:line one\\nline two\\; with \\\\ backslash\\, comma\r\n"))
        << unfolded;
    EXPECT_TRUE(Contains(unfolded, "\r\nLOCATION:Zürich\\, Room 3\\; Floor 2\r\n")) << unfolded;

    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    icalcomponent* e = EventWithUid(calendar.get(), "call-2@shiftdesk");
    ASSERT_TRUE(e);
    EXPECT_STREQ(icalcomponent_get_summary(e), "a, b; c\nd");
    EXPECT_EQ(icalcomponent_get_description(e), call.description);
    EXPECT_EQ(icalcomponent_get_location(e), call.location);
}

TEST(CalendarFeed, AllDayEventsAreDatesEndingTheDayAfterTheLastDay) {
    const std::string text = RenderCalendar(
        "leave", {},
        {Leave("leave-1@shiftdesk", "2026-03-10", "2026-03-13"), Leave("leave-2@shiftdesk", "2026-05-04", "2026-05-04"),
         Leave("leave-3@shiftdesk", "2026-12-28", "2026-12-31")},
        kNow);
    EXPECT_TRUE(Contains(text, "\r\nDTSTART;VALUE=DATE:20260310\r\nDTEND;VALUE=DATE:20260314\r\n")) << text;
    EXPECT_TRUE(Contains(text, "\r\nDTSTART;VALUE=DATE:20260504\r\nDTEND;VALUE=DATE:20260505\r\n")) << "one day";
    EXPECT_TRUE(Contains(text, "\r\nDTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20270101\r\n")) << "year end";

    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    icalcomponent* e = EventWithUid(calendar.get(), "leave-1@shiftdesk");
    ASSERT_TRUE(e);
    const icaltimetype start = icalcomponent_get_dtstart(e);
    const icaltimetype end = icalcomponent_get_dtend(e);
    EXPECT_TRUE(start.is_date);
    EXPECT_TRUE(end.is_date);
    EXPECT_EQ(icaltime_as_timet(end) - icaltime_as_timet(start), 4 * 24 * 3600) << "10-13 March is four days";
}

TEST(CalendarFeed, ACancelledEventStaysInTheFeedAsCancelledWithoutAlarms) {
    TimedEvent call = Call("call-3@shiftdesk");
    call.cancelled = true;
    call.sequence = 2;
    AllDayEvent leave = Leave("leave-4@shiftdesk", "2026-03-10", "2026-03-11");
    leave.cancelled = true;
    leave.sequence = 1;
    const std::string text = RenderCalendar("calls", {call}, {leave}, kNow);

    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    ASSERT_EQ(Children(calendar.get(), ICAL_VEVENT_COMPONENT).size(), 2u) << "dropping it would leave it in apps";
    icalcomponent* c = EventWithUid(calendar.get(), "call-3@shiftdesk");
    ASSERT_TRUE(c);
    EXPECT_EQ(icalcomponent_get_status(c), ICAL_STATUS_CANCELLED);
    EXPECT_EQ(icalcomponent_get_sequence(c), 2);
    EXPECT_TRUE(Children(c, ICAL_VALARM_COMPONENT).empty()) << "a cancelled call must not ring";
    icalcomponent* l = EventWithUid(calendar.get(), "leave-4@shiftdesk");
    ASSERT_TRUE(l);
    EXPECT_EQ(icalcomponent_get_status(l), ICAL_STATUS_CANCELLED);
    EXPECT_EQ(icalcomponent_get_sequence(l), 1);
    EXPECT_TRUE(Contains(text, "\r\nSTATUS:CANCELLED\r\n"));
}

TEST(CalendarFeed, AnEmptyCalendarIsStillValid) {
    const std::string text = RenderCalendar("leave", {}, {}, kNow);
    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    EXPECT_EQ(Text(calendar.get(), ICAL_VERSION_PROPERTY), "2.0");
    EXPECT_EQ(Text(calendar.get(), ICAL_PRODID_PROPERTY), "-//shiftdesk//leave//EN");
    EXPECT_EQ(Text(calendar.get(), ICAL_METHOD_PROPERTY), "PUBLISH");
    EXPECT_TRUE(Children(calendar.get(), ICAL_VEVENT_COMPONENT).empty());
    EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
}

TEST(CalendarFeed, OnlyHttpUrlsAreEmittedSinceUrisAreWrittenUnescaped) {
    const auto url_of = [](std::string url) {
        TimedEvent call = Call("call-5@shiftdesk");
        call.url = std::move(url);
        const std::string text = RenderCalendar("calls", {call}, {}, kNow);
        EXPECT_FALSE(Contains(text, "X-EVIL")) << text;
        const Parsed calendar = Parse(text);
        return calendar ? Text(EventWithUid(calendar.get(), "call-5@shiftdesk"), ICAL_URL_PROPERTY) : "";
    };
    EXPECT_EQ(url_of("https://meet.example.com/x?a=1&b=2"), "https://meet.example.com/x?a=1&b=2");
    EXPECT_EQ(url_of("HTTP://example.com/"), "HTTP://example.com/");
    EXPECT_EQ(url_of("javascript:alert(1)"), "<absent>");
    EXPECT_EQ(url_of("tel:+41440000000"), "<absent>");
    EXPECT_EQ(url_of("https://example.com/\r\nX-EVIL:1"), "<absent>");
    EXPECT_EQ(url_of("https://example.com/a b"), "<absent>");
}

TEST(CalendarFeed, ALocationThatBeginsLikeALinkOfAnotherSchemeIsLeftOut) {
    const auto location_of = [](std::string location) {
        TimedEvent call = Call("call-7@shiftdesk");
        call.location = std::move(location);
        const Parsed calendar = Parse(RenderCalendar("calls", {call}, {}, kNow));
        return calendar ? Text(EventWithUid(calendar.get(), "call-7@shiftdesk"), ICAL_LOCATION_PROPERTY) : "";
    };
    EXPECT_EQ(location_of("javascript:alert(7)"), "<absent>");
    EXPECT_EQ(location_of(" JavaScript:alert('a b')"), "<absent>");
    EXPECT_EQ(location_of("data:text/html,<b>x</b>"), "<absent>");
    EXPECT_EQ(location_of("https://meet.example.com/x"), "https://meet.example.com/x");
    EXPECT_EQ(location_of("tel:+41440000000"), "tel:+41440000000");
    EXPECT_EQ(location_of("+41 44 000 00 00"), "+41 44 000 00 00") << "a phone number is plain text";
}

// Whatever was stored, a feed writes only dates calendar apps read: from 1970 to the year 3000, after which libical
// writes "00000000T000000" (a leave on 9999-12-31 once did).
TEST(CalendarFeed, NoEventIsWrittenOutsideTheYears1970To3000) {
    TimedEvent far = Call("call-far@shiftdesk");
    far.starts_at = *ParseRfc3339("9999-12-31T22:00:00Z");
    far.ends_at = far.starts_at + 30 * kMinute;
    TimedEvent late = Call("call-late@shiftdesk");
    late.starts_at = *ParseRfc3339("3000-12-31T23:30:00Z");
    late.ends_at = late.starts_at + 60 * kMinute;  // ends in 3001
    TimedEvent last = Call("call-last@shiftdesk");
    last.starts_at = *ParseRfc3339("3000-12-31T22:00:00Z");
    last.ends_at = last.starts_at + 30 * kMinute;
    TimedEvent early = Call("call-early@shiftdesk");
    early.starts_at = -kDay;
    early.ends_at = early.starts_at + 30 * kMinute;
    const std::vector<AllDayEvent> days = {
        Leave("leave-far@shiftdesk", "9999-12-31", "9999-12-31"),
        Leave("leave-end@shiftdesk", "3000-12-31", "3000-12-31"),  // DTEND would be 3001-01-01
        Leave("leave-ok@shiftdesk", "3000-12-29", "3000-12-30"),
        Leave("leave-old@shiftdesk", "1969-12-31", "1970-01-02"),
        Leave("leave-now@shiftdesk", "2026-03-10", "2026-03-13"),
    };
    const std::string text = RenderCalendar("calls", {far, late, last, early, Call("call-1@shiftdesk")}, days, kNow);
    const Parsed calendar = Parse(text);
    ASSERT_TRUE(calendar);
    std::vector<std::string> uids;
    for (icalcomponent* e : Children(calendar.get(), ICAL_VEVENT_COMPONENT))
        uids.emplace_back(icalcomponent_get_uid(e));
    EXPECT_EQ(uids, (std::vector<std::string>{"call-last@shiftdesk", "call-1@shiftdesk", "leave-ok@shiftdesk",
                                              "leave-now@shiftdesk"}));
    EXPECT_FALSE(Contains(text, "00000000")) << text;
    for (const std::string& line : Lines(Unfold(text))) {
        if (!line.starts_with("DT")) continue;
        const std::string value = line.substr(line.find(':') + 1);
        EXPECT_TRUE(value >= "1970" && value < "3001") << line;
    }
    EXPECT_TRUE(Contains(text, "DTSTART:30001231T220000Z")) << text;
    EXPECT_TRUE(Contains(text, "DTEND;VALUE=DATE:30001231")) << text;

    const std::string stamped = RenderCalendar("calls", {Call("call-1@shiftdesk")}, {}, 300000000000000);
    EXPECT_TRUE(Contains(stamped, "DTSTAMP:30001231T235959Z"))
        << "a clock gone wild stamps the last second: " << stamped;
}

TEST(CalendarFeed, AnEndNotAfterTheStartIsLeftOut) {
    TimedEvent call = Call("call-6@shiftdesk");
    call.ends_at = call.starts_at;
    const Parsed calendar = Parse(RenderCalendar("calls", {call}, {}, kNow));
    ASSERT_TRUE(calendar);
    icalcomponent* e = EventWithUid(calendar.get(), "call-6@shiftdesk");
    ASSERT_TRUE(e);
    EXPECT_EQ(Text(e, ICAL_DTEND_PROPERTY), "<absent>") << "RFC 5545 3.8.2.2: DTEND must be later than DTSTART";
}

// Feeds are rendered on the server's I/O threads; libical must not share scratch buffers between them.
TEST(CalendarFeed, ThreadsRenderingAtOnceGetTheSameFeed) {
    TimedEvent call = Call("call-9@shiftdesk");
    call.summary = "a, b; c\nd — Zürich";
    const std::vector<AllDayEvent> leave = {Leave("leave-6@shiftdesk", "2026-03-10", "2026-03-13")};
    const std::string expected = RenderCalendar("calls", {call}, leave, kNow);
    std::vector<std::string> got(8);
    {
        std::vector<std::jthread> threads;
        for (std::string& out : got) {
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i) out = RenderCalendar("calls", {call}, leave, kNow);
            });
        }
    }
    for (const std::string& out : got) EXPECT_EQ(out, expected);
}

// A second, independent parser guards against libical reading back only what libical wrote.
TEST(CalendarFeed, PythonIcalendarReadsTheSameEvents) {
    if (!test::PythonCanImport("icalendar")) {
        GTEST_SKIP() << test::kDebianPython << " cannot import icalendar (Debian package python3-icalendar)";
    }
    TimedEvent call = Call("call-7@shiftdesk");
    call.summary = "a, b; c\nd — Zürich";
    TimedEvent cancelled = Call("call-8@shiftdesk");
    cancelled.cancelled = true;
    const std::string text =
        RenderCalendar("calls", {call, cancelled}, {Leave("leave-5@shiftdesk", "2026-03-10", "2026-03-13")}, kNow);

    test::TempDir dir;
    const std::string path = dir.File("calls.ics");
    std::ofstream(path, std::ios::binary) << text;
    const auto out = test::RunCommand(
        std::string(test::kDebianPython) +
        " -c \"import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read());"
        " es=list(c.walk('VEVENT')); print(len(es));"
        " [print(e['UID'], e['STATUS'], e.decoded('DTSTART'), e.decoded('DTEND'),"
        " ascii(str(e['SUMMARY']))) for e in es]\" " +
        path);
    ASSERT_EQ(out.status, 0) << out.text;
    EXPECT_EQ(out.text,
              "3\n"
              "call-7@shiftdesk CONFIRMED 2026-03-03 10:00:00+00:00 2026-03-03 10:30:00+00:00 "
              "'a, b; c\\nd \\u2014 Z\\xfcrich'\n"
              "call-8@shiftdesk CANCELLED 2026-03-03 10:00:00+00:00 2026-03-03 10:30:00+00:00 "
              "'Call ACME (ticket #42)'\n"
              "leave-5@shiftdesk CONFIRMED 2026-03-10 2026-03-14 'Ann: planned leave'\n");
}

}  // namespace
}  // namespace shiftdesk::integrations
