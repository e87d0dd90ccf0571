// The SLA engine's rules (R2), with the clock moved by hand through business hours, weekends, holidays, pauses and
// promises: every due time checked, every warning and breach announced exactly once.
#include "policy/sla.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Priority;
using domain::SlaState;
using domain::TicketStatus;

Millis At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }
std::string Text(const std::optional<Millis>& t) { return t ? FormatRfc3339(*t) : "none"; }

class Sla : public ::testing::Test {
 protected:
    Sla() { calendar_.holidays = {*ParseIsoDate("2026-12-25")}; }
    SlaContext Ctx(SlaTarget target) const {
        return {domain::BusinessClock(calendar_, *TimeZone::Find("UTC")), target, 75, 30 * kMinute};
    }
    domain::BusinessCalendar calendar_;  // Monday to Friday 09:00-17:00 UTC, Christmas off
    domain::SlaClocks sla_;
};

TEST_F(Sla, TargetsComeFromPlanAndPriorityAndCriticalCustomersGetTighterOnes) {
    const SlaPolicy policy;
    const SlaTarget enterprise_urgent = TargetFor(policy, "enterprise", Priority::kUrgent, false);
    EXPECT_EQ(enterprise_urgent.first_response, 30);
    EXPECT_EQ(enterprise_urgent.next_update, 60);
    const SlaTarget critical = TargetFor(policy, "enterprise", Priority::kUrgent, true);
    EXPECT_EQ(critical.first_response, 15) << "50% by default";
    EXPECT_EQ(critical.resolution, 120);
    EXPECT_EQ(TargetFor(policy, "no-such-plan", Priority::kLow, false).first_response,
              TargetFor(policy, "standard", Priority::kLow, false).first_response);
    EXPECT_TRUE(policy.KnowsPlan("business"));
    EXPECT_FALSE(policy.KnowsPlan("gold"));
}

TEST_F(Sla, ClocksStartAtCreationInBusinessTime) {
    const auto ctx = Ctx({60, 120, 480});
    StartClocks(sla_, ctx, At("2026-11-27T16:30:00Z"));  // Friday, half an hour before closing
    EXPECT_EQ(Text(sla_.first_response_due), "2026-11-30T09:30:00Z") << "the weekend does not count";
    EXPECT_EQ(Text(sla_.update_due), "2026-11-30T09:30:00Z");
    EXPECT_EQ(Text(sla_.update_warn_at), "2026-11-30T09:15:00Z") << "75% of 60 business minutes";
    EXPECT_EQ(Text(sla_.resolution_due), "2026-11-30T16:30:00Z") << "480 business minutes: 30 on Friday, 450 on Monday";
    EXPECT_EQ(Text(sla_.NextUpdateDue()), "2026-11-30T09:30:00Z");
    EXPECT_EQ(Text(DueFirst(sla_)), "2026-11-30T09:30:00Z");
    EXPECT_EQ(sla_.state, SlaState::kOk);
    EXPECT_EQ(Text(sla_.check_at), "2026-11-30T09:15:00Z") << "the due work looks at the warning first";
}

TEST_F(Sla, WarningThenBreachAreEachAnnouncedOnce) {
    const auto ctx = Ctx({60, 120, 0});
    StartClocks(sla_, ctx, At("2026-11-23T10:00:00Z"));
    EXPECT_TRUE(Evaluate(sla_, ctx, At("2026-11-23T10:44:00Z")).empty());
    auto warned = Evaluate(sla_, ctx, At("2026-11-23T10:45:00Z"));
    ASSERT_EQ(warned.size(), 1u);
    EXPECT_EQ(warned[0].clock, "first_response");
    EXPECT_FALSE(warned[0].breach);
    EXPECT_EQ(sla_.state, SlaState::kWarning);
    EXPECT_EQ(Text(sla_.check_at), "2026-11-23T11:00:00Z");
    EXPECT_TRUE(Evaluate(sla_, ctx, At("2026-11-23T10:50:00Z")).empty()) << "once";
    auto breached = Evaluate(sla_, ctx, At("2026-11-23T11:00:00Z"));
    ASSERT_EQ(breached.size(), 1u);
    EXPECT_TRUE(breached[0].breach);
    EXPECT_EQ(sla_.state, SlaState::kBreached);
    EXPECT_EQ(Text(sla_.breached_at), "2026-11-23T11:00:00Z");
    EXPECT_FALSE(sla_.check_at) << "nothing left to announce";
    EXPECT_TRUE(Evaluate(sla_, ctx, At("2026-11-24T11:00:00Z")).empty());
}

TEST_F(Sla, ALateLookAnnouncesTheBreachNotTheWarningBeforeIt) {
    const auto ctx = Ctx({60, 120, 0});
    StartClocks(sla_, ctx, At("2026-11-23T10:00:00Z"));
    auto crossed = Evaluate(sla_, ctx, At("2026-11-23T12:00:00Z"));
    ASSERT_EQ(crossed.size(), 1u);
    EXPECT_TRUE(crossed[0].breach);
}

TEST_F(Sla, AReplyMeetsTheTargetAndStartsTheNextOne) {
    const auto ctx = Ctx({60, 120, 0});
    StartClocks(sla_, ctx, At("2026-11-23T10:00:00Z"));
    Evaluate(sla_, ctx, At("2026-11-23T10:50:00Z"));  // warned
    OnPublicReply(sla_, ctx, At("2026-11-23T10:55:00Z"), std::nullopt);
    EXPECT_EQ(Text(sla_.first_response_at), "2026-11-23T10:55:00Z");
    EXPECT_EQ(Text(sla_.first_response_due), "2026-11-23T11:00:00Z") << "kept for the record";
    EXPECT_EQ(Text(sla_.update_due), "2026-11-23T12:55:00Z") << "next update: 120 business minutes";
    EXPECT_EQ(sla_.state, SlaState::kOk);
    auto warned = Evaluate(sla_, ctx, At("2026-11-23T12:25:00Z"));
    ASSERT_EQ(warned.size(), 1u) << "the new clock warns afresh";
    EXPECT_EQ(warned[0].clock, "next_update");
}

TEST_F(Sla, APromiseIsWallClockAndTheEarliestWins) {
    const auto ctx = Ctx({60, 480, 0});
    StartClocks(sla_, ctx, At("2026-11-27T15:00:00Z"));                                // Friday
    OnPublicReply(sla_, ctx, At("2026-11-27T15:10:00Z"), At("2026-11-28T10:00:00Z"));  // "tomorrow at ten" (Saturday)
    EXPECT_EQ(Text(sla_.update_due), "2026-11-30T15:10:00Z") << "policy: 480 business minutes";
    EXPECT_EQ(Text(sla_.promised_at), "2026-11-28T10:00:00Z");
    EXPECT_EQ(Text(sla_.NextUpdateDue()), "2026-11-28T10:00:00Z") << "the promise is earlier";
    auto warned = Evaluate(sla_, ctx, At("2026-11-28T09:30:00Z"));
    ASSERT_EQ(warned.size(), 1u) << "30 minutes before a promise, on a Saturday too";
    EXPECT_EQ(warned[0].clock, "promise");
    auto broken = Evaluate(sla_, ctx, At("2026-11-28T10:00:00Z"));
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_TRUE(broken[0].breach);
    EXPECT_EQ(sla_.state, SlaState::kBreached);
    // A reply keeps the promise, late: the breach is over, its record is in the events.
    OnPublicReply(sla_, ctx, At("2026-11-28T10:20:00Z"), std::nullopt);
    EXPECT_FALSE(sla_.promised_at);
    EXPECT_EQ(sla_.state, SlaState::kOk);
    // A promise later than the policy's target does not move the target.
    OnPromise(sla_, ctx, At("2026-11-30T09:00:00Z"), At("2026-12-10T09:00:00Z"));
    EXPECT_EQ(Text(sla_.NextUpdateDue()), Text(sla_.update_due));
}

TEST_F(Sla, WaitingOnTheCustomerPausesPolicyClocksButNeverAPromise) {
    const auto ctx = Ctx({60, 120, 480});
    StartClocks(sla_, ctx, At("2026-11-23T09:00:00Z"));
    OnPublicReply(sla_, ctx, At("2026-11-23T09:30:00Z"), At("2026-11-24T12:00:00Z"));
    ASSERT_EQ(Text(sla_.update_due), "2026-11-23T11:30:00Z");
    ASSERT_EQ(Text(sla_.resolution_due), "2026-11-23T17:00:00Z");
    OnStatusChange(sla_, ctx, At("2026-11-23T10:30:00Z"), TicketStatus::kOpen, TicketStatus::kPending);
    EXPECT_FALSE(sla_.update_due);
    EXPECT_FALSE(sla_.resolution_due);
    EXPECT_EQ(Text(sla_.promised_at), "2026-11-24T12:00:00Z") << "a promise never pauses";
    EXPECT_EQ(Text(DueFirst(sla_)), "2026-11-24T12:00:00Z");
    // The customer answers on Wednesday at 16:00.
    OnStatusChange(sla_, ctx, At("2026-11-25T16:00:00Z"), TicketStatus::kPending, TicketStatus::kOpen);
    EXPECT_EQ(Text(sla_.update_due), "2026-11-25T17:00:00Z") << "the 60 business minutes that were left";
    EXPECT_EQ(Text(sla_.resolution_due), "2026-11-26T14:30:00Z") << "6.5 business hours were left";
    EXPECT_FALSE(sla_.paused_at);
}

TEST_F(Sla, SolvingStopsTheClocksAndReopeningRestartsThem) {
    const auto ctx = Ctx({60, 120, 480});
    StartClocks(sla_, ctx, At("2026-12-24T16:30:00Z"));  // Thursday before Christmas
    EXPECT_EQ(Text(sla_.update_due), "2026-12-28T09:30:00Z") << "Christmas (Friday) and the weekend skipped";
    OnStatusChange(sla_, ctx, At("2026-12-24T16:45:00Z"), TicketStatus::kOpen, TicketStatus::kSolved);
    EXPECT_FALSE(DueFirst(sla_));
    EXPECT_FALSE(sla_.check_at);
    EXPECT_EQ(sla_.state, SlaState::kOk);
    OnStatusChange(sla_, ctx, At("2026-12-28T10:00:00Z"), TicketStatus::kSolved, TicketStatus::kOpen);
    EXPECT_EQ(Text(sla_.update_due), "2026-12-28T11:00:00Z") << "the first response is still owed";
    EXPECT_EQ(Text(sla_.resolution_due), "2026-12-29T10:00:00Z");
}

TEST_F(Sla, RaisingThePriorityTightensRunningClocksOnly) {
    StartClocks(sla_, Ctx({480, 960, 4800}), At("2026-11-23T09:00:00Z"));
    ASSERT_EQ(Text(sla_.update_due), "2026-11-23T17:00:00Z");
    OnRetarget(sla_, Ctx({60, 120, 480}), At("2026-11-23T10:00:00Z"));
    EXPECT_EQ(Text(sla_.update_due), "2026-11-23T11:00:00Z");
    EXPECT_EQ(Text(sla_.first_response_due), "2026-11-23T11:00:00Z");
    EXPECT_EQ(Text(sla_.resolution_due), "2026-11-24T10:00:00Z");
    OnRetarget(sla_, Ctx({480, 960, 4800}), At("2026-11-23T10:05:00Z"));
    EXPECT_EQ(Text(sla_.update_due), "2026-11-23T11:00:00Z") << "lowering it never loosens a commitment";
}

}  // namespace
}  // namespace shiftdesk::policy
