// Business time (R2): working hours, weekends, holidays and clock changes, with the clock moved by hand.
#include "domain/business_time.hpp"

#include <gtest/gtest.h>

#include <random>

#include "common/time.hpp"

namespace shiftdesk::domain {
namespace {

Millis At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }
std::string Text(Millis t) { return FormatRfc3339(t); }

class BusinessTime : public ::testing::Test {
 protected:
    BusinessCalendar calendar_;  // Monday to Friday, 09:00-17:00, UTC
    BusinessClock Clock() const { return BusinessClock(calendar_, *TimeZone::Find(calendar_.time_zone)); }
};

TEST_F(BusinessTime, CountsOnlyWorkingHours) {
    const auto clock = Clock();
    // 2026-11-23 is a Monday.
    EXPECT_EQ(Text(clock.Add(At("2026-11-23T10:00:00Z"), 60 * kMinute)), "2026-11-23T11:00:00Z");
    EXPECT_EQ(Text(clock.Add(At("2026-11-23T16:30:00Z"), 60 * kMinute)), "2026-11-24T09:30:00Z") << "overnight";
    EXPECT_EQ(Text(clock.Add(At("2026-11-23T07:00:00Z"), 30 * kMinute)), "2026-11-23T09:30:00Z") << "before opening";
    EXPECT_EQ(Text(clock.Add(At("2026-11-23T17:00:00Z"), 1)), "2026-11-24T09:00:00.001Z") << "at closing";
    EXPECT_EQ(Text(clock.Add(At("2026-11-23T10:00:00Z"), 8 * kHour)), "2026-11-24T10:00:00Z") << "a working day";
    EXPECT_EQ(Text(clock.Add(At("2026-11-23T20:00:00Z"), 0)), "2026-11-23T20:00:00Z") << "zero is now";
}

TEST_F(BusinessTime, SkipsWeekendsAndHolidays) {
    calendar_.holidays = {*ParseIsoDate("2026-12-25")};  // a Friday
    const auto clock = Clock();
    EXPECT_EQ(Text(clock.Add(At("2026-11-27T16:00:00Z"), 2 * kHour)), "2026-11-30T10:00:00Z") << "Friday to Monday";
    EXPECT_EQ(Text(clock.Add(At("2026-11-28T12:00:00Z"), 30 * kMinute)), "2026-11-30T09:30:00Z") << "from Saturday";
    EXPECT_EQ(Text(clock.Add(At("2026-12-24T16:00:00Z"), 2 * kHour)), "2026-12-28T10:00:00Z") << "over Christmas";
    EXPECT_EQ(clock.Between(At("2026-12-24T16:00:00Z"), At("2026-12-28T10:00:00Z")), 2 * kHour);
    EXPECT_EQ(clock.Between(At("2026-11-28T00:00:00Z"), At("2026-11-29T23:59:00Z")), 0) << "a weekend";
    EXPECT_EQ(clock.Between(At("2026-11-24T12:00:00Z"), At("2026-11-24T11:00:00Z")), 0) << "backwards";
}

TEST_F(BusinessTime, WorkingHoursAreLocalAcrossClockChanges) {
    calendar_.time_zone = "Europe/Paris";
    const auto clock = Clock();
    // Friday 2026-03-27 16:00 in Paris (UTC+1); the clocks go forward on Sunday 29 March.
    EXPECT_EQ(Text(clock.Add(At("2026-03-27T15:00:00Z"), 2 * kHour)), "2026-03-30T08:00:00Z")
        << "one hour on Friday, one from 09:00 on Monday, now UTC+2";
    EXPECT_EQ(clock.Between(At("2026-03-27T15:00:00Z"), At("2026-03-30T08:00:00Z")), 2 * kHour);
}

TEST_F(BusinessTime, SplitShiftsAndCustomWeeks) {
    calendar_.week = {{{480, 1200}, {480, 1200}, {480, 1200}, {480, 1200}, {480, 1200}, {600, 840}, {0, 0}}};
    const auto clock = Clock();
    EXPECT_EQ(Text(clock.Add(At("2026-11-27T19:00:00Z"), 2 * kHour)), "2026-11-28T11:00:00Z") << "Saturday 10-14";
    EXPECT_EQ(Text(clock.Add(At("2026-11-28T13:00:00Z"), 2 * kHour)), "2026-11-30T09:00:00Z") << "Sunday off";
}

TEST_F(BusinessTime, BetweenUndoesAdd) {
    calendar_.time_zone = "America/New_York";
    calendar_.holidays = {*ParseIsoDate("2026-11-26"), *ParseIsoDate("2026-12-25")};
    const auto clock = Clock();
    std::mt19937_64 random(42);
    const Millis start = At("2026-10-01T00:00:00Z");
    for (int i = 0; i < 2000; ++i) {
        const Millis from = start + static_cast<Millis>(random() % static_cast<std::uint64_t>(120 * kDay));
        const Millis business = static_cast<Millis>(random() % static_cast<std::uint64_t>(30 * kHour)) + 1;
        const Millis to = clock.Add(from, business);
        ASSERT_GT(to, from);
        ASSERT_EQ(clock.Between(from, to), business) << Text(from) << " + " << business;
    }
}

}  // namespace
}  // namespace shiftdesk::domain
