// The rulebook's decisions that used to be spelled by the use cases: who uses the desk at all (an admin has no
// desk or ticket powers), what only a lead sees (R2 at-risk list, the team's load, every request, R14 sessions),
// who sets a desk phone (R13), one hand-off email at a time (R5), the off-queue window's bounds (R6) and who may
// own a ticket (R1). Each table row reads like a line of the rulebook when it fails.
#include <gtest/gtest.h>

#include <string>

#include "policy/call_policy.hpp"
#include "policy/desk_policy.hpp"
#include "policy/handoff_policy.hpp"
#include "policy/request_policy.hpp"
#include "policy/ticket_policy.hpp"
#include "team.hpp"

namespace shiftdesk::policy {
namespace {

using namespace team;  // NOLINT(google-build-using-namespace): the table's cast

constexpr ErrorCode k403 = ErrorCode::kForbidden;
constexpr ErrorCode k409 = ErrorCode::kConflict;
constexpr ErrorCode k422 = ErrorCode::kInvalid;

// "asha: refused R2 (forbidden)" / "mubeen: allowed".
std::string Says(const domain::Actor& who, const Decision& d) {
    if (d.allowed()) return who.login + ": allowed";
    const std::string rule = d.rule == rule::Id::kNone ? "no rule" : std::string(rule::Code(d.rule));
    return who.login + ": refused " + rule + " (" + d.message + ")";
}

struct Row {
    const domain::Actor& who;
    bool allowed;
    rule::Id rule = rule::Id::kNone;  // of a refusal
    ErrorCode code = k403;            // of a refusal
};

void Check(const char* decision, const Row& row, const Decision& d) {
    SCOPED_TRACE(std::string(decision) + " — " + Says(row.who, d));
    EXPECT_EQ(d.allowed(), row.allowed);
    if (!row.allowed) {
        EXPECT_EQ(d.rule, row.rule);
        EXPECT_EQ(d.code, row.code);
    }
}

TEST(DeskRulebook, AnAdminHasNoDeskOrTicketPowers) {
    const Row rows[] = {
        {kAsha, true},
        {kLead, true},
        {kSuccess, true},
        {kAdmin, false, rule::Id::kNone, k403},
    };
    for (const auto& row : rows) {
        Check("use the desk", row, DecideUseDesk(row.who));
        Check("ticket powers", row, DecideTicketPowers(row.who));
    }
    EXPECT_EQ(DecideUseDesk(kAdmin).message, "an admin has no desk powers unless also a shift lead");
    EXPECT_EQ(DecideTicketPowers(kAdmin).message, "an admin has no ticket powers unless also a shift lead");
}

TEST(DeskRulebook, TheAtRiskListIsTheLeads_R2) {
    const Row rows[] = {
        {kLead, true},
        {kAsha, false, rule::R2, k403},
        {kSuccess, false, rule::R2, k403},
        {kAdmin, false, rule::R2, k403},
    };
    for (const auto& row : rows) Check("see the tickets at risk", row, DecideSeeAtRisk(row.who));
}

TEST(DeskRulebook, TheTeamsLoadIsTheLeads) {
    const Row rows[] = {
        {kLead, true},
        {kAsha, false, rule::Id::kNone, k403},
        {kSuccess, false, rule::Id::kNone, k403},
        {kAdmin, false, rule::Id::kNone, k403},
    };
    for (const auto& row : rows) {
        Check("see the team's load", row, DecideSeeTeamLoad(row.who));
        EXPECT_EQ(SeesWholeTeam(row.who), row.allowed) << row.who.login;
    }
}

TEST(RequestRulebook, ALeadAndTheEngineerWhoFiledItSeeARequest) {
    struct KindRow {
        domain::RequestKind kind;
        bool owned;
        rule::Id rule;
    };
    const KindRow kinds[] = {
        {domain::RequestKind::kAssignment, false, rule::R7},
        {domain::RequestKind::kAssignment, true, rule::R11},
        {domain::RequestKind::kNewTicket, true, rule::R9},
        {domain::RequestKind::kOffQueue, false, rule::R6},
    };
    for (const auto& k : kinds) {
        const RequestFacts filed_by_asha{k.kind, domain::RequestState::kPending, kAsha.id, k.owned, false};
        const Row rows[] = {
            {kAsha, true},
            {kLead, true},
            {kBruno, false, k.rule, k403},
            {kSuccess, false, k.rule, k403},
            {kAdmin, false, k.rule, k403},
        };
        for (const auto& row : rows) Check("see a request", row, DecideViewRequest(row.who, filed_by_asha));
    }
}

TEST(RequestRulebook, AnOffQueueWindowIsOneHourToThePolicysMaximum_R6) {
    Settings s;
    s.off_queue_max_hours = 4;
    struct HoursRow {
        int hours;
        bool allowed;
    };
    const HoursRow rows[] = {{-1, false}, {0, false}, {1, true}, {4, true}, {5, false}};
    for (const auto& row : rows) {
        const Decision d = DecideOffQueueHours(row.hours, s);
        SCOPED_TRACE(std::to_string(row.hours) + " hours off queue: " + Says(kAsha, d));
        EXPECT_EQ(d.allowed(), row.allowed);
        if (!row.allowed) {
            EXPECT_EQ(d.rule, rule::R6);
            EXPECT_EQ(d.code, k422);
            EXPECT_EQ(d.message, "hours must be from 1 to 4, the longest off-queue window the policy allows");
        }
    }
}

TEST(TicketRulebook, OnlyAnActiveEngineerOrLeadOwnsATicket_R1) {
    struct OwnerRow {
        domain::Role role;
        bool active;
        bool allowed;
    };
    const OwnerRow rows[] = {
        {domain::Role::kEngineer, true, true},   {domain::Role::kShiftLead, true, true},
        {domain::Role::kEngineer, false, false}, {domain::Role::kShiftLead, false, false},
        {domain::Role::kSuccess, true, false},   {domain::Role::kAdmin, true, false},
    };
    for (const auto& row : rows) {
        const Decision d = DecideOwner({7, row.role, row.active});
        SCOPED_TRACE(std::string(domain::ToString(row.role)) + (row.active ? "" : " (inactive)") +
                     " as owner: " + Says(kLead, d));
        EXPECT_EQ(d.allowed(), row.allowed);
        if (!row.allowed) {
            EXPECT_EQ(d.rule, rule::R1);
            EXPECT_EQ(d.code, k409);
        }
    }
}

TEST(TicketRulebook, ALeadsAssignmentIsAnApproval_R10) {
    struct ApprovalRow {
        const domain::Actor& who;
        Decision assign;
        bool through_request;
        bool approval;
    };
    const ApprovalRow rows[] = {
        {kLead, Decision::Allow(rule::R11), false, true},  // a lead reassigns directly
        {kLead, Decision::NoChange(), true, true},         // a lead approves a request to the owner it has
        {kLead, Decision::NoChange(), false, false},       // a lead assigns to the owner it has: nothing approved
        {kLead, Decision::Forbid(rule::R9, "closed"), true, false},
        {kAsha, Decision::Allow(rule::R1), false, false},  // an engineer taking an unowned ticket
        {kAsha, Decision::NoChange(), true, false},
    };
    for (const auto& row : rows) {
        EXPECT_EQ(IsApproval(row.who, row.assign, row.through_request), row.approval)
            << row.who.login << (row.through_request ? " through a request" : " directly") << ": "
            << Says(row.who, row.assign);
    }
}

TEST(HandoffRulebook, ADeskPhoneIsSetByItsUserALeadOrAnAdmin_R13) {
    const Row rows[] = {
        {kAsha, true},
        {kLead, true},
        {kAdmin, true},
        {kBruno, false, rule::R13, k403},
        {kSuccess, false, rule::R13, k403},
    };
    for (const auto& row : rows) Check("set Asha's desk phone", row, DecideSetDeskPhone(row.who, kAsha.id));
    Check("set their own desk phone", {kSuccess, true}, DecideSetDeskPhone(kSuccess, kSuccess.id));
}

TEST(HandoffRulebook, OneHandoffEmailAtATime_R5) {
    EXPECT_TRUE(DecideQueueHandoffEmail(std::nullopt).allowed()) << "none queued";
    const Decision d = DecideQueueHandoffEmail(2);
    EXPECT_FALSE(d.allowed()) << "one queued, at its second attempt";
    EXPECT_EQ(d.rule, rule::R5);
    EXPECT_EQ(d.code, k409);
    EXPECT_EQ(d.message,
              "the hand-off email is queued already (attempt 2): it goes out as soon as the mail server takes it");
}

TEST(CallRulebook, WhoSeesASessionRequest_R14) {
    domain::TrainingRequest r;
    r.filed_by = kSuccess.id;
    struct SeeRow {
        domain::TrainingRoute route;
        std::optional<domain::UserId> owner;
        const domain::Actor& who;
        bool sees;
    };
    const SeeRow rows[] = {
        {domain::TrainingRoute::kShiftLead, std::nullopt, kLead, true},
        {domain::TrainingRoute::kShiftLead, std::nullopt, kSuccess, true},
        {domain::TrainingRoute::kShiftLead, std::nullopt, kAsha, false},
        {domain::TrainingRoute::kShiftLead, kAsha.id, kAsha, true},
        {domain::TrainingRoute::kShiftLead, kAsha.id, kBruno, false},
        {domain::TrainingRoute::kOpen, std::nullopt, kBruno, true},
        {domain::TrainingRoute::kOpen, std::nullopt, kAdmin, false},
    };
    for (const auto& row : rows) {
        r.route = row.route;
        r.owner_id = row.owner;
        EXPECT_EQ(MaySeeTraining(row.who, r), row.sees) << row.who.login << " seeing a " << domain::ToString(row.route)
                                                        << " session" << (row.owner ? " that someone runs" : "");
    }
}

}  // namespace
}  // namespace shiftdesk::policy
