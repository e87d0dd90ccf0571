// The rulebook for leave (R4): who plans and cancels whose leave, which days, and that nobody on leave is
// given a ticket.
#include "policy/leave_policy.hpp"

#include <gtest/gtest.h>

#include "team.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Role;

using namespace team;  // NOLINT(google-build-using-namespace): the table's cast

domain::User Person(const domain::Actor& a) {
    domain::User u;
    u.id = a.id;
    u.role = a.role;
    u.name = a.name;
    return u;
}

LeavePlanFacts Plan(const domain::Actor& whose, int first, int last, int today = 0) {
    return {Person(whose), CivilDay{first}, CivilDay{last}, CivilDay{today}, std::nullopt};
}

TEST(LeaveRulebook, WhoPlansWhoseLeave) {
    const Settings s;
    struct Row {
        const domain::Actor& actor;
        const domain::Actor& whose;
        bool allowed;
    };
    const Row rows[] = {
        {kAsha, kAsha, true},     {kAsha, kBruno, false},   {kAsha, kLead, false},  {kLead, kAsha, true},
        {kLead, kLead, true},     {kLead, kSuccess, false}, {kLead, kAdmin, false}, {kSuccess, kSuccess, false},
        {kSuccess, kAsha, false}, {kAdmin, kAdmin, false},  {kAdmin, kAsha, false},
    };
    for (const auto& row : rows) {
        const Decision d = DecidePlanLeave(row.actor, Plan(row.whose, 5, 6), s);
        EXPECT_EQ(d.allowed(), row.allowed) << row.actor.login << " for " << row.whose.login;
        if (!d.allowed()) EXPECT_EQ(d.rule, rule::R4);
    }
    domain::User gone = Person(kBruno);
    gone.active = false;
    EXPECT_FALSE(DecidePlanLeave(kLead, {gone, {5}, {6}, {0}, std::nullopt}, s).allowed());
}

TEST(LeaveRulebook, WhichDays) {
    Settings s;
    s.leave_max_days = 10;
    EXPECT_TRUE(DecidePlanLeave(kAsha, Plan(kAsha, 0, 0), s).allowed()) << "today";
    EXPECT_TRUE(DecidePlanLeave(kAsha, Plan(kAsha, -3, 0), s).allowed()) << "sick since Monday, back tomorrow";
    EXPECT_FALSE(DecidePlanLeave(kAsha, Plan(kAsha, -3, -1), s).allowed()) << "wholly past";
    EXPECT_FALSE(DecidePlanLeave(kAsha, Plan(kAsha, 6, 5), s).allowed()) << "backwards";
    EXPECT_TRUE(DecidePlanLeave(kAsha, Plan(kAsha, 1, 10), s).allowed()) << "exactly the maximum";
    EXPECT_FALSE(DecidePlanLeave(kAsha, Plan(kAsha, 1, 11), s).allowed()) << "one day over";
    auto overlapping = Plan(kAsha, 1, 2);
    overlapping.overlapping = domain::Leave{};
    overlapping.overlapping->id = 7;
    overlapping.overlapping->first_day = "2026-12-01";
    overlapping.overlapping->last_day = "2026-12-03";
    const Decision d = DecidePlanLeave(kAsha, overlapping, s);
    EXPECT_EQ(d.code, ErrorCode::kConflict);
    EXPECT_NE(d.message.find("2026-12-01"), std::string::npos) << d.message;
}

TEST(LeaveRulebook, CancellingIsTheirsOrTheLeadsUntilTheLeaveEnds) {
    domain::Leave l;
    l.user_id = kAsha.id;
    l.starts_at = 1000;
    l.ends_at = 2000;
    EXPECT_TRUE(DecideCancelLeave(kAsha, l, 500).changes());
    EXPECT_TRUE(DecideCancelLeave(kLead, l, 1500).changes()) << "under way: cut short";
    EXPECT_EQ(DecideCancelLeave(kBruno, l, 500).code, ErrorCode::kForbidden);
    EXPECT_FALSE(DecideCancelLeave(kSuccess, l, 500).allowed());
    EXPECT_EQ(DecideCancelLeave(kAsha, l, 2000).code, ErrorCode::kConflict) << "ended";
    l.state = domain::LeaveState::kCancelled;
    EXPECT_EQ(DecideCancelLeave(kAsha, l, 500).kind, Decision::Kind::kNoChange);
}

TEST(LeaveRulebook, NobodyOnLeaveIsGivenATicket) {
    domain::Leave l;
    l.first_day = l.last_day = "2026-12-24";
    EXPECT_TRUE(DecideGiveTicket(Person(kAsha), std::nullopt).allowed());
    const Decision d = DecideGiveTicket(Person(kAsha), l);
    EXPECT_EQ(d.code, ErrorCode::kConflict) << "409: the state, not the caller";
    EXPECT_EQ(d.rule, rule::R4);
    EXPECT_NE(d.message.find("on 2026-12-24"), std::string::npos) << d.message;
}

TEST(LeaveRulebook, OnQueueMeansNeitherOffQueueNorOnLeave) {
    domain::User u = Person(kAsha);
    EXPECT_TRUE(u.OnQueue(0));
    u.off_queue = true;
    u.off_queue_until = 100;
    EXPECT_FALSE(u.OnQueue(50));
    EXPECT_TRUE(u.OnQueue(100)) << "the window has run out";
    u.on_leave = domain::Leave{};
    EXPECT_FALSE(u.OnQueue(100));
}

}  // namespace
}  // namespace shiftdesk::policy
