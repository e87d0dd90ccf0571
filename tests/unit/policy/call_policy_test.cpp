// The rulebook for calls and sessions (R3, R4, R14) as tables: when the owner may join a call, and who may be given
// a training session — nobody on leave, now or when it starts.
#include "policy/call_policy.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "common/time.hpp"
#include "team.hpp"

namespace shiftdesk::policy {
namespace {

using namespace team;  // NOLINT(google-build-using-namespace): the table's cast

const Millis kStart = *ParseRfc3339("2026-12-01T09:00:00Z");

domain::Call CallOf(const domain::Actor& owner) {
    domain::Call c;
    c.id = 5;
    c.owner_id = owner.id;
    c.starts_at = kStart;
    c.minutes = 30;
    return c;
}

struct JoinRow {
    const char* situation;
    const domain::Actor& who;
    Millis minutes_from_start;  // when they join, relative to the start
    Decision::Kind expect;
    rule::Id rule = rule::Id::kNone;
};

std::string Line(const JoinRow& r) {
    std::ostringstream out;
    out << "When " << r.who.name << " joins " << r.minutes_from_start << " min from the start (" << r.situation
        << "), expect ";
    switch (r.expect) {
        case Decision::Kind::kAllow:
            out << "it to be allowed";
            break;
        case Decision::Kind::kNoChange:
            out << "nothing to change";
            break;
        case Decision::Kind::kRefuse:
            out << "a refusal naming " << rule::Code(r.rule);
            break;
    }
    return out.str();
}

TEST(CallRulebook, JoiningOpensAPolicySetWindowBeforeTheStart_R3) {
    Settings s;  // join_opens_minutes = 15
    const JoinRow rows[] = {
        {"three months early", kAsha, -90 * 24 * 60, Decision::Kind::kRefuse, rule::R3},
        {"a day early", kAsha, -24 * 60, Decision::Kind::kRefuse, rule::R3},
        {"a minute before the window", kAsha, -16, Decision::Kind::kRefuse, rule::R3},
        {"as the window opens", kAsha, -15, Decision::Kind::kAllow, rule::R3},
        {"five minutes before", kAsha, -5, Decision::Kind::kAllow, rule::R3},
        {"late, before the end", kAsha, 20, Decision::Kind::kAllow, rule::R3},
        {"after the end", kAsha, 30, Decision::Kind::kRefuse, rule::R3},
        {"not their call", kBruno, -5, Decision::Kind::kRefuse, rule::R3},
        {"not their call, early", kLead, -60, Decision::Kind::kRefuse, rule::R3},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(Line(r));
        const Decision d = DecideJoin(r.who, CallOf(kAsha), kStart + r.minutes_from_start * kMinute, s, std::nullopt);
        EXPECT_EQ(d.kind, r.expect) << d.message;
        if (r.expect == Decision::Kind::kRefuse) EXPECT_EQ(rule::Code(d.rule), rule::Code(r.rule)) << d.message;
    }
}

TEST(CallRulebook, AnEarlyJoinSaysWhenJoiningOpensOnTheTeamsWallClock_R3) {
    Settings s;
    s.call_join_opens_minutes = 30;
    const auto zone = TimeZone::Find("Europe/Paris");
    ASSERT_TRUE(zone);
    const Decision d = DecideJoin(kAsha, CallOf(kAsha), kStart - 31 * kMinute, s, *zone);
    EXPECT_EQ(d.code, ErrorCode::kConflict) << "409: the time, not the caller";
    EXPECT_EQ(d.rule, rule::R3);
    EXPECT_NE(d.message.find("2026-12-01 09:30 Europe/Paris"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("30 minutes"), std::string::npos) << d.message;
    EXPECT_TRUE(DecideJoin(kAsha, CallOf(kAsha), kStart - 30 * kMinute, s, *zone).changes());
    EXPECT_NE(
        DecideJoin(kAsha, CallOf(kAsha), kStart - 31 * kMinute, s, std::nullopt).message.find("2026-12-01T08:30:00Z"),
        std::string::npos)
        << "UTC without a zone";

    s.call_join_opens_minutes = 0;
    EXPECT_FALSE(DecideJoin(kAsha, CallOf(kAsha), kStart - kMinute, s, std::nullopt).allowed())
        << "0: joining opens at the start";
    auto joined = CallOf(kAsha);
    joined.joined_at = kStart;
    EXPECT_EQ(DecideJoin(kAsha, joined, kStart - kMinute, s, std::nullopt).kind, Decision::Kind::kNoChange)
        << "joined already: nothing to refuse";
}

domain::User Person(const domain::Actor& a) {
    domain::User u;
    u.id = a.id;
    u.role = a.role;
    u.name = a.name;
    return u;
}

struct AcceptRow {
    const char* situation;
    const domain::Actor& actor;
    const domain::Actor& owner;
    domain::TrainingRoute route;
    bool on_leave_now;
    bool on_leave_then;
    bool off_queue;
    bool allowed;
    rule::Id rule = rule::Id::kNone;
};

TEST(CallRulebook, NobodyOnLeaveIsGivenASessionNowOrWhenItStarts_R4_R14) {
    using domain::TrainingRoute;
    const AcceptRow rows[] = {
        {"an open session for herself", kAsha, kAsha, TrainingRoute::kOpen, false, false, false, true, rule::R14},
        {"for herself while on leave", kAsha, kAsha, TrainingRoute::kOpen, true, false, false, false, rule::R4},
        {"for herself, inside her leave", kAsha, kAsha, TrainingRoute::kOpen, false, true, false, false, rule::R4},
        {"for herself, off queue", kAsha, kAsha, TrainingRoute::kOpen, false, false, true, false, rule::R14},
        {"a lead for someone on leave now", kLead, kAsha, TrainingRoute::kShiftLead, true, false, false, false,
         rule::R4},
        {"a lead, inside their leave", kLead, kAsha, TrainingRoute::kShiftLead, false, true, false, false, rule::R4},
        {"a lead for someone off queue", kLead, kAsha, TrainingRoute::kShiftLead, false, false, true, true, rule::R14},
        {"an engineer for a colleague", kAsha, kBruno, TrainingRoute::kOpen, false, false, false, false, rule::R14},
        {"an engineer, a session for the lead", kAsha, kAsha, TrainingRoute::kShiftLead, false, false, false, false,
         rule::R14},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(std::string(r.situation) + ": " + r.actor.name + " gives " + r.owner.name + " a session");
        domain::TrainingRequest request;
        request.route = r.route;
        const domain::User owner = Person(r.owner);
        const Decision d =
            DecideAcceptTraining(r.actor, {request, owner, r.on_leave_now, r.on_leave_then, r.off_queue});
        EXPECT_EQ(d.allowed(), r.allowed) << d.message;
        EXPECT_EQ(rule::Code(d.rule), rule::Code(r.rule)) << d.message;
        if (r.rule == rule::R4) EXPECT_EQ(d.code, ErrorCode::kConflict);
    }
}

}  // namespace
}  // namespace shiftdesk::policy
