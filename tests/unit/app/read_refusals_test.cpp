// Refused reads audited in windows: the first of a kind written at once, repeats counted and summarised.
#include "app/read_refusals.hpp"

#include <gtest/gtest.h>

namespace shiftdesk::app {
namespace {

Error Refused(std::string action, rule::Id rule, std::optional<std::int64_t> ticket = std::nullopt) {
    Error e = MakeError(ErrorCode::kForbidden, "not yours to see");
    e.refusal = Refusal{rule, std::move(action), ticket, std::nullopt};
    return e;
}

TEST(ReadRefusalLog, TheFirstOfAKindIsWrittenTheRepeatsAreCountedAndSummarisedOnce) {
    ReadRefusalLog log(kMinute, 100);
    EXPECT_TRUE(log.Note(7, Refused("sla.at_risk_viewed", rule::R2), 1000));
    for (int i = 1; i <= 41; ++i) EXPECT_FALSE(log.Note(7, Refused("sla.at_risk_viewed", rule::R2), 1000 + i));
    EXPECT_TRUE(log.TakeClosed(1000 + kMinute - 1).empty()) << "the window is still open";
    const auto closed = log.TakeClosed(1000 + kMinute);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].actor, 7);
    EXPECT_EQ(closed[0].repeats, 41);
    EXPECT_EQ(closed[0].first_at, 1001);
    EXPECT_EQ(closed[0].last_at, 1041);
    EXPECT_EQ(closed[0].refusal.refusal->action, "sla.at_risk_viewed");
    EXPECT_TRUE(log.TakeClosed(1000 + 2 * kMinute).empty()) << "summarised once";
    // After the window, the next refusal of the kind is written again.
    EXPECT_TRUE(log.Note(7, Refused("sla.at_risk_viewed", rule::R2), 1000 + 3 * kMinute));
}

TEST(ReadRefusalLog, KindsAreKeptApartByActorActionAndRule) {
    ReadRefusalLog log(kMinute, 100);
    EXPECT_TRUE(log.Note(7, Refused("sla.at_risk_viewed", rule::R2), 0));
    EXPECT_TRUE(log.Note(8, Refused("sla.at_risk_viewed", rule::R2), 0));
    EXPECT_TRUE(log.Note(7, Refused("ticket.viewed", rule::R10), 0));
    EXPECT_FALSE(log.Note(7, Refused("ticket.viewed", rule::R10), 1));
}

TEST(ReadRefusalLog, RepeatsOnOtherTicketsAreSummarisedWithoutATicket) {
    ReadRefusalLog log(kMinute, 100);
    EXPECT_TRUE(log.Note(7, Refused("ticket.viewed", rule::R10, 1), 0));
    EXPECT_FALSE(log.Note(7, Refused("ticket.viewed", rule::R10, 1), 1));
    EXPECT_FALSE(log.Note(7, Refused("ticket.viewed", rule::R10, 2), 2));
    const auto closed = log.TakeClosed(kMinute);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_FALSE(closed[0].same_ticket);
}

TEST(ReadRefusalLog, AFullTableCountsNewKindsTogetherInsteadOfGrowing) {
    ReadRefusalLog log(kMinute, 2);
    EXPECT_TRUE(log.Note(1, Refused("a", rule::R2), 0));
    EXPECT_TRUE(log.Note(2, Refused("a", rule::R2), 0));
    for (int i = 3; i < 1000; ++i) EXPECT_FALSE(log.Note(i, Refused("a", rule::R2), 0));
    EXPECT_EQ(log.overflow(), 997);
    const auto closed = log.TakeClosed(kMinute);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].refusal.refusal->action, "audit.read_refusals_overflow");
    EXPECT_EQ(closed[0].repeats, 997);
}

}  // namespace
}  // namespace shiftdesk::app
