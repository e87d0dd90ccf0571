// The rulebook for requests to a lead, exhaustively: every kind x state x role x action, and filing.
#include <gtest/gtest.h>

#include "policy/request_policy.hpp"

namespace shiftdesk::policy {
namespace {

using domain::RequestKind;
using domain::RequestState;
using domain::Role;

constexpr domain::UserId kRequester = 10;

const domain::Actor kEngineer{kRequester, Role::kEngineer, "asha", "Asha"};
const domain::Actor kOtherEngineer{11, Role::kEngineer, "bruno", "Bruno"};
const domain::Actor kLead{20, Role::kShiftLead, "mubeen", "Mubeen"};
const domain::Actor kSuccess{30, Role::kSuccess, "sofia", "Sofia"};
const domain::Actor kAdmin{40, Role::kAdmin, "admin", "Admin"};

std::string Expected(RequestKind kind, bool owned) {
    switch (kind) {
        case RequestKind::kAssignment: return owned ? "R11" : "R7";
        case RequestKind::kNewTicket: return "R9";
        case RequestKind::kOffQueue: return "R6";
    }
    return "";
}

TEST(RequestRulebook, EveryKindStateRoleAndAction) {
    const domain::Actor* everyone[] = {&kEngineer, &kOtherEngineer, &kLead, &kSuccess, &kAdmin};
    const RequestAction actions[] = {RequestAction::kApprove, RequestAction::kDeny, RequestAction::kWithdraw};
    for (const auto& [kind, kind_name] : domain::kRequestKindNames) {
        for (const auto& [state, state_name] : domain::kRequestStateNames) {
            for (bool owned : {false, true}) {
                for (bool expired : {false, true}) {
                    for (const auto* actor : everyone) {
                        for (auto action : actions) {
                            const RequestFacts facts{kind, state, kRequester, owned, expired};
                            const Decision d = DecideOnRequest(*actor, facts, action);
                            SCOPED_TRACE(std::string(ActionOf(action)) + " by " + actor->login + " of a " +
                                         std::string(state_name) + " " + std::string(kind_name) + " request" +
                                         (owned ? " (owned ticket)" : "") + (expired ? " past its expiry" : ""));
                            const bool may = action == RequestAction::kWithdraw ? actor->id == kRequester
                                                                                : actor->role == Role::kShiftLead;
                            const bool open = state == RequestState::kPending && !expired;
                            EXPECT_EQ(d.allowed(), may && open) << d.message;
                            if (!d.allowed()) {
                                EXPECT_EQ(rule::Code(d.rule), Expected(kind, owned)) << "the rule the request exists for";
                                EXPECT_EQ(d.code, may ? ErrorCode::kConflict : ErrorCode::kForbidden);
                                EXPECT_FALSE(d.message.empty());
                            }
                        }
                    }
                }
            }
        }
    }
}

TEST(RequestRulebook, FilingIsForEngineersAndLeads) {
    const TicketFacts open{domain::TicketStatus::kOpen, kRequester};
    for (const auto* actor : {&kEngineer, &kLead}) {
        EXPECT_TRUE(DecideFile(*actor, {RequestKind::kAssignment, open, std::nullopt, false}).allowed());
        EXPECT_TRUE(DecideFile(*actor, {RequestKind::kOffQueue, std::nullopt, std::nullopt, false}).allowed());
    }
    for (const auto* actor : {&kSuccess, &kAdmin}) {
        const Decision d = DecideFile(*actor, {RequestKind::kOffQueue, std::nullopt, std::nullopt, false});
        EXPECT_FALSE(d.allowed());
        EXPECT_EQ(rule::Code(d.rule), "R6");
    }
}

TEST(RequestRulebook, AClosedTicketIsNotAssignedAndItsNewIssuesAreFollowUps_R9) {
    const TicketFacts closed{domain::TicketStatus::kClosed, kRequester};
    const TicketFacts open{domain::TicketStatus::kOpen, kRequester};
    EXPECT_EQ(DecideFile(kEngineer, {RequestKind::kAssignment, closed, std::nullopt, false}).code,
              ErrorCode::kConflict);
    const auto followup = domain::NewTicketReason::kOldTicketFollowup;
    const auto multiple = domain::NewTicketReason::kMultipleIssues;
    EXPECT_TRUE(DecideFile(kEngineer, {RequestKind::kNewTicket, closed, followup, false}).allowed());
    EXPECT_FALSE(DecideFile(kEngineer, {RequestKind::kNewTicket, open, followup, false}).allowed());
    EXPECT_TRUE(DecideFile(kEngineer, {RequestKind::kNewTicket, open, multiple, false}).allowed());
    const Decision d = DecideFile(kEngineer, {RequestKind::kNewTicket, closed, multiple, false});
    EXPECT_FALSE(d.allowed());
    EXPECT_EQ(rule::Code(d.rule), "R9");
}

TEST(RequestRulebook, OneRequestOfAKindPendingAtATime) {
    const Decision d = DecideFile(kEngineer, {RequestKind::kOffQueue, std::nullopt, std::nullopt, true});
    EXPECT_FALSE(d.allowed());
    EXPECT_EQ(d.code, ErrorCode::kConflict);
    EXPECT_EQ(rule::Code(d.rule), "R6");
}

TEST(ChildTickets, AnEntirelyNewIssueStaysWithItsCreator_R12) {
    domain::Request r;
    r.requester_id = kRequester;
    r.new_issue = true;
    EXPECT_EQ(ChildOwner(r, domain::UserId{11}, std::nullopt), kRequester) << "not the parent's owner";
    r.new_issue = false;
    EXPECT_EQ(ChildOwner(r, domain::UserId{11}, std::nullopt), 11) << "the same issue follows the parent's owner";
    EXPECT_EQ(ChildOwner(r, std::nullopt, std::nullopt), kRequester);
    EXPECT_EQ(ChildOwner(r, domain::UserId{11}, domain::UserId{12}), 12) << "a lead may name another owner";
}

TEST(OldTickets, ClosedLongerAgoThanThePolicyAllows_R9) {
    Settings s;
    s.old_ticket_days = 30;
    domain::Ticket t;
    t.status = domain::TicketStatus::kClosed;
    t.closed_at = 0;
    EXPECT_FALSE(IsLongClosed(t, 30 * kDay, s));
    EXPECT_TRUE(IsLongClosed(t, 30 * kDay + 1, s));
    t.status = domain::TicketStatus::kSolved;
    EXPECT_FALSE(IsLongClosed(t, 400 * kDay, s));
}

TEST(Queue, OnlyALeadPutsSomeoneOffQueue_R6) {
    domain::User engineer;
    engineer.role = Role::kEngineer;
    EXPECT_TRUE(DecideQueueChange(kLead, engineer).allowed());
    for (const auto* actor : {&kEngineer, &kSuccess, &kAdmin}) {
        const Decision d = DecideQueueChange(*actor, engineer);
        EXPECT_FALSE(d.allowed());
        EXPECT_EQ(rule::Code(d.rule), "R6");
    }
    domain::User success;
    success.role = Role::kSuccess;
    EXPECT_FALSE(DecideQueueChange(kLead, success).allowed());
}

TEST(Queue, AWindowThatHasRunOutIsOver) {
    domain::User u;
    u.off_queue = true;
    u.off_queue_until = 1000;
    EXPECT_FALSE(u.OnQueue(999));
    EXPECT_TRUE(u.OnQueue(1000));
    u.off_queue_until.reset();
    EXPECT_FALSE(u.OnQueue(1'000'000'000)) << "until a lead ends it";
}

}  // namespace
}  // namespace shiftdesk::policy
