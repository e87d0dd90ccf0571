// Field checks every way in shares: join links and the window of dates the desk takes, each refusal naming the field
// and saying what would be taken.
#include "app/validation.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"

namespace shiftdesk::app {
namespace {

TEST(Validation, AJoinUrlIsAMeetingOrDialLinkOrNothing) {
    EXPECT_EQ(*CheckJoinUrl("join_url", "  https://meet.example.org/abc "), "https://meet.example.org/abc");
    EXPECT_EQ(*CheckJoinUrl("join_url", "tel:+33123456789"), "tel:+33123456789");
    EXPECT_EQ(*CheckJoinUrl("join_url", "sip:desk@pbx.example.org"), "sip:desk@pbx.example.org");
    EXPECT_EQ(*CheckJoinUrl("join_url", ""), "") << "no link at all";
    for (const char* bad : {"javascript:alert(7)", "data:text/html,x", "meet.example.org", "https://a b.example",
                            "https://x.example/\"onclick=\"alert(7)"}) {
        const auto refused = CheckJoinUrl("join_url", bad);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
        EXPECT_EQ(refused.error().field, "join_url");
        EXPECT_NE(refused.error().message.find("https, http, tel, sip or sips"), std::string::npos);
    }
    EXPECT_EQ(CheckJoinUrl("join_url", "https://x.example/\nX: y").error().field, "join_url") << "control characters";
    EXPECT_FALSE(CheckJoinUrl("join_url", "https://x.example/" + std::string(2000, 'a'))) << "at most 2000 characters";
}

TEST(Validation, DatesFallWithinThePolicysWindowAroundNow) {
    const Millis now = *ParseRfc3339("2026-11-24T09:00:00Z");
    const policy::DateWindow window;  // 366 days back, 730 ahead
    EXPECT_TRUE(CheckDateWindow("starts_at", now + 730 * kDay, now, window)) << "exactly two years ahead";
    EXPECT_TRUE(CheckDateWindow("starts_at", now - 366 * kDay, now, window));
    const auto ahead = CheckDateWindow("starts_at", now + 730 * kDay + 1, now, window);
    ASSERT_FALSE(ahead);
    EXPECT_EQ(ahead.error().field, "starts_at");
    EXPECT_NE(ahead.error().message.find("2028-11-23T09:00:00Z"), std::string::npos) << ahead.error().message;
    EXPECT_NE(ahead.error().message.find("max_days_ahead"), std::string::npos) << ahead.error().message;
    const auto far = CheckDateWindow("by", *ParseRfc3339("9999-12-31T00:00:00Z"), now, window);
    ASSERT_FALSE(far);
    EXPECT_EQ(far.error().field, "by");
    const auto back = CheckDateWindow("until", now - 367 * kDay, now, window);
    ASSERT_FALSE(back);
    EXPECT_NE(back.error().message.find("2025-11-23T09:00:00Z"), std::string::npos) << back.error().message;

    const policy::DateWindow narrow{0, 1};
    EXPECT_TRUE(CheckDateWindow("needed_by", now + kDay, now, narrow));
    EXPECT_FALSE(CheckDateWindow("needed_by", now + kDay + 1, now, narrow));
    EXPECT_FALSE(CheckDateWindow("needed_by", now - 1, now, narrow));
}

TEST(Validation, DaysFallWithinThePolicysWindowAroundToday) {
    const CivilDay today = *ParseIsoDate("2026-11-24");
    const policy::DateWindow window;
    EXPECT_TRUE(CheckDayWindow("first_day", today, today, window));
    EXPECT_TRUE(CheckDayWindow("last_day", *ParseIsoDate("2028-11-23"), today, window)) << "730 days on";
    const auto ahead = CheckDayWindow("last_day", *ParseIsoDate("2028-11-24"), today, window);
    ASSERT_FALSE(ahead);
    EXPECT_EQ(ahead.error().field, "last_day");
    EXPECT_NE(ahead.error().message.find("2028-11-23"), std::string::npos) << ahead.error().message;
    const auto end_of_time = CheckDayWindow("first_day", *ParseIsoDate("9999-12-31"), today, window);
    ASSERT_FALSE(end_of_time);
    EXPECT_EQ(end_of_time.error().field, "first_day");
    const auto back = CheckDayWindow("first_day", *ParseIsoDate("0001-01-01"), today, window);
    ASSERT_FALSE(back);
    EXPECT_NE(back.error().message.find("2025-11-23"), std::string::npos) << back.error().message;
}

}  // namespace
}  // namespace shiftdesk::app
