// Calendar days and the team's time zone: strict dates, day starts across clock changes, the day of an instant.
#include "common/civil_time.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"

namespace shiftdesk {
namespace {

TEST(CivilDay, ParsesOnlyRealIsoDates) {
    ASSERT_TRUE(ParseIsoDate("1970-01-01"));
    EXPECT_EQ(ParseIsoDate("1970-01-01")->days, 0);
    EXPECT_EQ(ParseIsoDate("1970-01-02")->days, 1);
    EXPECT_TRUE(ParseIsoDate("2028-02-29")) << "a leap day";
    for (const char* bad : {"2027-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026-1-5", "26-11-23",
                            "2026/11/23", "2026-11-23T00:00", " 2026-11-23", "2026-+1-23", ""}) {
        EXPECT_FALSE(ParseIsoDate(bad)) << bad;
    }
    EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2026-11-23")), "2026-11-23");
    EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2026-12-31") + 1), "2027-01-01");
}

TEST(TimeZone, DaysStartAtLocalMidnightAcrossClockChanges) {
    const auto paris = TimeZone::Find("Europe/Paris");
    ASSERT_TRUE(paris);
    EXPECT_EQ(FormatRfc3339(paris->StartOf(*ParseIsoDate("2026-01-15"))), "2026-01-14T23:00:00Z") << "UTC+1";
    EXPECT_EQ(FormatRfc3339(paris->StartOf(*ParseIsoDate("2026-07-15"))), "2026-07-14T22:00:00Z") << "UTC+2";
    // Paris moved its clocks on 2026-03-29 at 02:00: that day is 23 hours long.
    const Millis day = paris->StartOf(*ParseIsoDate("2026-03-30")) - paris->StartOf(*ParseIsoDate("2026-03-29"));
    EXPECT_EQ(day, 23 * kHour);
    // Santiago de Chile skips midnight itself when summer time starts: the day begins at the first instant it has.
    const auto santiago = TimeZone::Find("America/Santiago");
    ASSERT_TRUE(santiago);
    EXPECT_EQ(FormatRfc3339(santiago->StartOf(*ParseIsoDate("2026-09-06"))), "2026-09-06T04:00:00Z");
}

TEST(TimeZone, TheDayOfAnInstantDependsOnTheZone) {
    const Millis t = *ParseRfc3339("2026-11-23T23:30:00Z");
    EXPECT_EQ(FormatIsoDate(TimeZone::Find("UTC")->DayOf(t)), "2026-11-23");
    EXPECT_EQ(FormatIsoDate(TimeZone::Find("Asia/Tokyo")->DayOf(t)), "2026-11-24");
    EXPECT_EQ(FormatIsoDate(TimeZone::Find("America/New_York")->DayOf(t)), "2026-11-23");
}

TEST(TimeZone, AnUnknownZoneIsAnErrorNamingTheField) {
    const auto mars = TimeZone::Find("Mars/Olympus_Mons", "policy.time_zone");
    ASSERT_FALSE(mars);
    EXPECT_EQ(mars.error().field, "policy.time_zone");
    EXPECT_NE(mars.error().message.find("Mars/Olympus_Mons"), std::string::npos);
    EXPECT_FALSE(TimeZone::Find(""));
}

}  // namespace
}  // namespace shiftdesk
