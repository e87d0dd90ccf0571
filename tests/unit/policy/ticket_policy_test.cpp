// The ticket rulebook as a table: role x command x ticket state -> allowed, no change, or refused naming a rule.
// Each row reads like a line of the rulebook when it fails.
#include "policy/ticket_policy.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace shiftdesk::policy {
namespace {

using domain::Role;
using domain::TicketStatus;

constexpr domain::UserId kOwner = 10;  // the engineer who owns the ticket
constexpr domain::UserId kOther = 11;  // another engineer
constexpr domain::UserId kLead = 20;
constexpr domain::UserId kSuccess = 30;
constexpr domain::UserId kAdmin = 40;

enum class Who { kOwner, kOtherEngineer, kLead, kSuccess, kAdmin };

domain::Actor ActorFor(Who w) {
    switch (w) {
        case Who::kOwner:
            return {kOwner, Role::kEngineer, "owner", "Owner"};
        case Who::kOtherEngineer:
            return {kOther, Role::kEngineer, "other", "Other"};
        case Who::kLead:
            return {kLead, Role::kShiftLead, "lead", "Lead"};
        case Who::kSuccess:
            return {kSuccess, Role::kSuccess, "success", "Success"};
        case Who::kAdmin:
            return {kAdmin, Role::kAdmin, "admin", "Admin"};
    }
    return {};
}

std::string Describe(Who w) {
    switch (w) {
        case Who::kOwner:
            return "the owning engineer";
        case Who::kOtherEngineer:
            return "another engineer";
        case Who::kLead:
            return "a shift lead";
        case Who::kSuccess:
            return "customer success";
        case Who::kAdmin:
            return "an admin";
    }
    return "?";
}

AssigneeFacts Engineer(domain::UserId id) { return {id, Role::kEngineer, true}; }

std::string Describe(const TicketCommand& c) {
    struct V {
        std::string operator()(const cmd::View&) const { return "views"; }
        std::string operator()(const cmd::Take& t) const { return t.actor_on_leave ? "takes while on leave" : "takes"; }
        std::string operator()(const cmd::Assign& a) const {
            return "assigns to user " + std::to_string(a.to.id) + " (" + std::string(domain::ToString(a.to.role)) +
                   (a.to.active ? "" : ", inactive") + ")";
        }
        std::string operator()(const cmd::SetStatus& s) const {
            return "sets status " + std::string(domain::ToString(s.to));
        }
        std::string operator()(const cmd::SetPriority&) const { return "changes priority"; }
        std::string operator()(const cmd::Reply&) const { return "replies to the customer"; }
        std::string operator()(const cmd::Promise&) const { return "promises an update"; }
        std::string operator()(const cmd::Note&) const { return "writes a private note"; }
        std::string operator()(const cmd::CustomerMessage&) const { return "records what the customer wrote"; }
    };
    return std::visit(V{}, c);
}

std::string Describe(const TicketFacts& t) {
    std::string s = "a " + std::string(domain::ToString(t.status)) + " ticket ";
    if (!t.owner_id) return s + "nobody owns";
    if (*t.owner_id == kOwner) return s + "owned by the engineer";
    return s + "owned by user " + std::to_string(*t.owner_id);
}

enum class Expect { kAllow, kNoChange, kRefuse };

struct Row {
    Who who;
    TicketCommand command;
    TicketFacts ticket;
    Expect expect;
    rule::Id rule = rule::Id::kNone;
    ErrorCode code = ErrorCode::kForbidden;
};

std::string Line(const Row& r) {
    std::ostringstream out;
    out << "When " << Describe(r.who) << " " << Describe(r.command) << " on " << Describe(r.ticket) << ", expect ";
    switch (r.expect) {
        case Expect::kAllow:
            out << "it to be allowed";
            break;
        case Expect::kNoChange:
            out << "nothing to change";
            break;
        case Expect::kRefuse:
            out << "a refusal (" << (r.code == ErrorCode::kConflict ? "409" : "403") << ")"
                << (r.rule == rule::Id::kNone ? "" : " naming " + std::string(rule::Code(r.rule)));
            break;
    }
    return out.str();
}

const TicketFacts kUnowned{TicketStatus::kNew, std::nullopt};
const TicketFacts kOpenOwned{TicketStatus::kOpen, kOwner};
const TicketFacts kPendingOwned{TicketStatus::kPending, kOwner};
const TicketFacts kSolvedOwned{TicketStatus::kSolved, kOwner};
const TicketFacts kClosedOwned{TicketStatus::kClosed, kOwner};
const TicketFacts kClosedUnowned{TicketStatus::kClosed, std::nullopt};

constexpr auto A = Expect::kAllow;
constexpr auto N = Expect::kNoChange;
constexpr auto X = Expect::kRefuse;
constexpr auto k403 = ErrorCode::kForbidden;
constexpr auto k409 = ErrorCode::kConflict;

const std::vector<Row>& Rows() {
    static const std::vector<Row> rows = {
        // Viewing: everyone but an admin, who has no ticket powers.
        {Who::kOwner, cmd::View{}, kOpenOwned, A},
        {Who::kOtherEngineer, cmd::View{}, kOpenOwned, A},
        {Who::kSuccess, cmd::View{}, kOpenOwned, A},
        {Who::kLead, cmd::View{}, kClosedOwned, A},
        {Who::kAdmin, cmd::View{}, kOpenOwned, X, rule::Id::kNone, k403},

        // R1/R7: an unowned ticket may be taken by any engineer; R11: an owned one only moves through a lead.
        {Who::kOtherEngineer, cmd::Take{}, kUnowned, A, rule::R1},
        {Who::kLead, cmd::Take{}, kUnowned, A, rule::R1},
        {Who::kOwner, cmd::Take{}, kOpenOwned, N},
        {Who::kOtherEngineer, cmd::Take{}, kOpenOwned, X, rule::R11, k403},
        {Who::kOtherEngineer, cmd::Take{}, kPendingOwned, X, rule::R11, k403},
        {Who::kLead, cmd::Take{}, kOpenOwned, A, rule::R11},
        {Who::kSuccess, cmd::Take{}, kUnowned, X, rule::R1, k403},
        {Who::kAdmin, cmd::Take{}, kUnowned, X, rule::R1, k403},
        {Who::kOtherEngineer, cmd::Take{}, kClosedUnowned, X, rule::R9, k409},
        {Who::kLead, cmd::Take{}, kClosedOwned, X, rule::R9, k409},
        // R4: while on leave nobody gives them a ticket, and they take none.
        {Who::kOtherEngineer, cmd::Take{true}, kUnowned, X, rule::R4, k409},
        {Who::kLead, cmd::Take{true}, kUnowned, X, rule::R4, k409},
        {Who::kLead, cmd::Take{true}, kOpenOwned, X, rule::R4, k409},
        {Who::kOwner, cmd::Take{true}, kOpenOwned, N},
        {Who::kOtherEngineer, cmd::Take{true}, kOpenOwned, X, rule::R11, k403},

        // R7: an engineer never assigns to someone else; assigning an unowned ticket to yourself is taking it.
        {Who::kOtherEngineer, cmd::Assign{Engineer(kOther)}, kUnowned, A, rule::R1},
        {Who::kOtherEngineer, cmd::Assign{Engineer(kOwner)}, kUnowned, X, rule::R7, k403},
        {Who::kSuccess, cmd::Assign{Engineer(kOwner)}, kUnowned, X, rule::R7, k403},
        {Who::kAdmin, cmd::Assign{Engineer(kOwner)}, kUnowned, X, rule::R7, k403},
        // R11: reassignment is the lead's, whoever the engineer is.
        {Who::kOwner, cmd::Assign{Engineer(kOther)}, kOpenOwned, X, rule::R11, k403},
        {Who::kOtherEngineer, cmd::Assign{Engineer(kOther)}, kOpenOwned, X, rule::R11, k403},
        {Who::kOwner, cmd::Assign{Engineer(kOwner)}, kOpenOwned, N},
        {Who::kOwner, cmd::Assign{Engineer(kOwner)}, kClosedOwned, X, rule::R9, k409},
        {Who::kLead, cmd::Assign{Engineer(kOwner)}, kUnowned, A, rule::R7},
        {Who::kLead, cmd::Assign{Engineer(kOther)}, kOpenOwned, A, rule::R11},
        {Who::kLead, cmd::Assign{Engineer(kOther)}, kSolvedOwned, A, rule::R11},
        {Who::kLead, cmd::Assign{Engineer(kOwner)}, kOpenOwned, N},
        {Who::kLead, cmd::Assign{{kLead, Role::kShiftLead, true}}, kOpenOwned, A, rule::R11},
        // R1: an owner is an active engineer or lead.
        {Who::kLead, cmd::Assign{{kSuccess, Role::kSuccess, true}}, kUnowned, X, rule::R1, k409},
        {Who::kLead, cmd::Assign{{kAdmin, Role::kAdmin, true}}, kOpenOwned, X, rule::R1, k409},
        {Who::kLead, cmd::Assign{{kOther, Role::kEngineer, false}}, kOpenOwned, X, rule::R1, k409},
        {Who::kLead, cmd::Assign{Engineer(kOther)}, kClosedOwned, X, rule::R9, k409},

        // Status: the owner or a lead works the ticket (R1); closed is final (R9).
        {Who::kOwner, cmd::SetStatus{TicketStatus::kPending}, kOpenOwned, A, rule::R1},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kOnHold}, kPendingOwned, A, rule::R1},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kSolved}, kOpenOwned, A, rule::R1},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kOpen}, kSolvedOwned, A, rule::R1},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kClosed}, kSolvedOwned, A, rule::R1},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kOpen}, kOpenOwned, N},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kClosed}, kOpenOwned, X, rule::Id::kNone, k409},
        {Who::kLead, cmd::SetStatus{TicketStatus::kSolved}, kOpenOwned, A, rule::R1},
        {Who::kOtherEngineer, cmd::SetStatus{TicketStatus::kSolved}, kOpenOwned, X, rule::R1, k403},
        {Who::kSuccess, cmd::SetStatus{TicketStatus::kSolved}, kOpenOwned, X, rule::R1, k403},
        {Who::kAdmin, cmd::SetStatus{TicketStatus::kSolved}, kOpenOwned, X, rule::R1, k403},
        {Who::kOtherEngineer, cmd::SetStatus{TicketStatus::kOpen}, kUnowned, X, rule::R1, k409},
        {Who::kLead, cmd::SetStatus{TicketStatus::kOpen}, kUnowned, X, rule::R1, k409},
        {Who::kLead, cmd::SetStatus{TicketStatus::kClosed}, kUnowned, A, rule::R1},
        {Who::kOtherEngineer, cmd::SetStatus{TicketStatus::kClosed}, kUnowned, X, rule::R1, k409},
        {Who::kOwner, cmd::SetStatus{TicketStatus::kOpen}, kClosedOwned, X, rule::R9, k409},
        {Who::kLead, cmd::SetStatus{TicketStatus::kOpen}, kClosedOwned, X, rule::R9, k409},

        // Priority: the owner, or a lead (who also triages unowned tickets).
        {Who::kOwner, cmd::SetPriority{}, kOpenOwned, A, rule::R1},
        {Who::kLead, cmd::SetPriority{}, kOpenOwned, A, rule::R1},
        {Who::kLead, cmd::SetPriority{}, kUnowned, A, rule::R1},
        {Who::kOtherEngineer, cmd::SetPriority{}, kOpenOwned, X, rule::R1, k403},
        {Who::kOtherEngineer, cmd::SetPriority{}, kUnowned, X, rule::R1, k409},
        {Who::kSuccess, cmd::SetPriority{}, kOpenOwned, X, rule::R1, k403},
        {Who::kLead, cmd::SetPriority{}, kClosedOwned, X, rule::R9, k409},

        // Public replies: the owner's update to the customer (R2), or the lead's; never on an unowned ticket (R1).
        {Who::kOwner, cmd::Reply{}, kOpenOwned, A, rule::R2},
        {Who::kOwner, cmd::Reply{}, kPendingOwned, A, rule::R2},
        {Who::kOwner, cmd::Reply{}, kSolvedOwned, A, rule::R2},
        {Who::kLead, cmd::Reply{}, kOpenOwned, A, rule::R2},
        {Who::kOtherEngineer, cmd::Reply{}, kOpenOwned, X, rule::R1, k403},
        {Who::kSuccess, cmd::Reply{}, kOpenOwned, X, rule::R1, k403},
        {Who::kAdmin, cmd::Reply{}, kOpenOwned, X, rule::R1, k403},
        {Who::kOtherEngineer, cmd::Reply{}, kUnowned, X, rule::R1, k409},
        {Who::kLead, cmd::Reply{}, kUnowned, X, rule::R1, k409},
        {Who::kOwner, cmd::Reply{}, kClosedOwned, X, rule::R9, k409},
        {Who::kOwner, cmd::Promise{}, kOpenOwned, A, rule::R2},
        {Who::kOwner, cmd::Promise{}, kPendingOwned, A, rule::R2},
        {Who::kLead, cmd::Promise{}, kOpenOwned, A, rule::R2},
        {Who::kOtherEngineer, cmd::Promise{}, kOpenOwned, X, rule::R1, k403},
        {Who::kSuccess, cmd::Promise{}, kOpenOwned, X, rule::R1, k403},
        {Who::kLead, cmd::Promise{}, kUnowned, X, rule::R1, k409},
        {Who::kOwner, cmd::Promise{}, kClosedOwned, X, rule::R9, k409},
        {Who::kOwner, cmd::Promise{}, kSolvedOwned, X, rule::R2, k409},

        // Private notes (R10): any staff member, on any ticket, closed ones included; not an admin.
        {Who::kOwner, cmd::Note{}, kOpenOwned, A, rule::R10},
        {Who::kOtherEngineer, cmd::Note{}, kOpenOwned, A, rule::R10},
        {Who::kSuccess, cmd::Note{}, kOpenOwned, A, rule::R10},
        {Who::kLead, cmd::Note{}, kUnowned, A, rule::R10},
        {Who::kOtherEngineer, cmd::Note{}, kClosedOwned, A, rule::R10},
        {Who::kAdmin, cmd::Note{}, kOpenOwned, X, rule::Id::kNone, k403},

        // What a customer wrote may be relayed by any staff member, on any ticket (R9 decides what it reopens).
        {Who::kOtherEngineer, cmd::CustomerMessage{}, kClosedOwned, A, rule::R9},
        {Who::kSuccess, cmd::CustomerMessage{}, kOpenOwned, A, rule::R9},
        {Who::kLead, cmd::CustomerMessage{}, kUnowned, A, rule::R9},
        {Who::kAdmin, cmd::CustomerMessage{}, kOpenOwned, X, rule::Id::kNone, k403},
    };
    return rows;
}

class TicketRulebook : public ::testing::TestWithParam<Row> {};

TEST_P(TicketRulebook, DecidesAsTheRulebookSays) {
    const Row& r = GetParam();
    const Decision d = Decide(r.ticket, r.command, ActorFor(r.who));
    SCOPED_TRACE(Line(r));
    switch (r.expect) {
        case Expect::kAllow:
            EXPECT_EQ(d.kind, Decision::Kind::kAllow) << d.message;
            if (r.rule != rule::Id::kNone) EXPECT_EQ(rule::Code(d.rule), rule::Code(r.rule));
            break;
        case Expect::kNoChange:
            EXPECT_EQ(d.kind, Decision::Kind::kNoChange) << d.message;
            break;
        case Expect::kRefuse:
            EXPECT_EQ(d.kind, Decision::Kind::kRefuse);
            EXPECT_EQ(rule::Code(d.rule), rule::Code(r.rule)) << d.message;
            EXPECT_EQ(d.code, r.code) << d.message;
            EXPECT_FALSE(d.message.empty());
            break;
    }
}

INSTANTIATE_TEST_SUITE_P(Rows, TicketRulebook, ::testing::ValuesIn(Rows()),
                         [](const ::testing::TestParamInfo<Row>& info) { return "row" + std::to_string(info.index); });

// Exhaustive checks of every role x command x state: invariants no row may break.
std::vector<TicketFacts> AllStates() {
    std::vector<TicketFacts> out;
    for (const auto& [status, name] : domain::kStatusNames) {
        out.push_back({status, std::nullopt});
        out.push_back({status, kOwner});
        out.push_back({status, kOther});
    }
    return out;
}

std::vector<TicketCommand> AllCommands() {
    std::vector<TicketCommand> out{cmd::View{},  cmd::Take{}, cmd::Take{true},       cmd::SetPriority{},
                                   cmd::Reply{}, cmd::Note{}, cmd::CustomerMessage{}};
    for (const auto& [status, name] : domain::kStatusNames) out.push_back(cmd::SetStatus{status});
    for (auto id : {kOwner, kOther, kLead}) {
        out.push_back(cmd::Assign{{id, id == kLead ? Role::kShiftLead : Role::kEngineer, true}});
    }
    out.push_back(cmd::Assign{{kSuccess, Role::kSuccess, true}});
    return out;
}

const Who kEveryone[] = {Who::kOwner, Who::kOtherEngineer, Who::kLead, Who::kSuccess, Who::kAdmin};

TEST(TicketRulebookInvariants, OnlyALeadChangesAnOwnerFromOnePersonToAnother_R11) {
    for (Who who : kEveryone) {
        for (const auto& t : AllStates()) {
            if (!t.owner_id) continue;
            for (const auto& c : AllCommands()) {
                domain::UserId new_owner = 0;
                if (std::holds_alternative<cmd::Take>(c)) new_owner = ActorFor(who).id;
                if (const auto* a = std::get_if<cmd::Assign>(&c)) new_owner = a->to.id;
                if (new_owner == 0 || new_owner == *t.owner_id) continue;
                const Decision d = Decide(t, c, ActorFor(who));
                if (who != Who::kLead) {
                    EXPECT_FALSE(d.allowed()) << Describe(who) << " " << Describe(c) << " on " << Describe(t);
                }
            }
        }
    }
}

TEST(TicketRulebookInvariants, NobodyButALeadGivesATicketToSomeoneElse_R7) {
    for (Who who : kEveryone) {
        if (who == Who::kLead) continue;
        for (const auto& t : AllStates()) {
            for (const auto& c : AllCommands()) {
                const auto* a = std::get_if<cmd::Assign>(&c);
                if (!a || a->to.id == ActorFor(who).id || (t.owner_id && *t.owner_id == a->to.id)) continue;
                EXPECT_FALSE(Decide(t, c, ActorFor(who)).allowed())
                    << Describe(who) << " " << Describe(c) << " on " << Describe(t);
            }
        }
    }
}

TEST(TicketRulebookInvariants, AClosedTicketOnlyTakesNotesAndViews_R9) {
    for (Who who : kEveryone) {
        for (const auto& t : AllStates()) {
            if (t.status != TicketStatus::kClosed) continue;
            for (const auto& c : AllCommands()) {
                // A customer's message on a closed ticket is recorded; whether it reopens is R9's, in the use case.
                if (std::holds_alternative<cmd::Note>(c) || std::holds_alternative<cmd::View>(c) ||
                    std::holds_alternative<cmd::CustomerMessage>(c)) {
                    continue;
                }
                const Decision d = Decide(t, c, ActorFor(who));
                EXPECT_FALSE(d.changes()) << Describe(who) << " " << Describe(c) << " on " << Describe(t);
            }
        }
    }
}

TEST(TicketRulebookInvariants, NobodyOnLeaveTakesATicket_R4) {
    for (Who who : kEveryone) {
        for (const auto& t : AllStates()) {
            const Decision d = Decide(t, cmd::Take{true}, ActorFor(who));
            EXPECT_FALSE(d.changes()) << Describe(who) << " takes while on leave on " << Describe(t);
        }
    }
}

TEST(TicketRulebookInvariants, AnAdminHasNoTicketPowers) {
    for (const auto& t : AllStates()) {
        for (const auto& c : AllCommands()) {
            EXPECT_FALSE(Decide(t, c, ActorFor(Who::kAdmin)).changes()) << Describe(c) << " on " << Describe(t);
        }
    }
}

TEST(TicketRulebookInvariants, EveryRefusalSaysWhy) {
    for (Who who : kEveryone) {
        for (const auto& t : AllStates()) {
            for (const auto& c : AllCommands()) {
                const Decision d = Decide(t, c, ActorFor(who));
                if (d.allowed()) continue;
                EXPECT_FALSE(d.message.empty()) << Describe(who) << " " << Describe(c) << " on " << Describe(t);
                EXPECT_TRUE(d.code == ErrorCode::kForbidden || d.code == ErrorCode::kConflict);
            }
        }
    }
}

TEST(TicketCreation, EngineersAndLeadsOpenTickets_SuccessAndAdminDoNot) {
    EXPECT_TRUE(DecideCreate(ActorFor(Who::kOwner), false).allowed());
    EXPECT_TRUE(DecideCreate(ActorFor(Who::kLead), false).allowed());
    EXPECT_FALSE(DecideCreate(ActorFor(Who::kSuccess), false).allowed());
    EXPECT_FALSE(DecideCreate(ActorFor(Who::kAdmin), false).allowed());
}

TEST(TicketCreation, ATicketTiedToAnotherNeedsAnApprovedRequest_R9) {
    for (Who who : {Who::kOwner, Who::kLead}) {
        const Decision d = DecideCreate(ActorFor(who), true);
        EXPECT_FALSE(d.allowed());
        EXPECT_EQ(rule::Code(d.rule), "R9");
    }
}

TEST(Rulebook, HasFourteenRulesInOrder) {
    ASSERT_EQ(rule::All().size(), 14u);
    for (std::size_t i = 0; i < 14; ++i) {
        EXPECT_EQ(rule::All()[i].code, "R" + std::to_string(i + 1));
        EXPECT_FALSE(rule::All()[i].sentence.empty());
    }
}

}  // namespace
}  // namespace shiftdesk::policy
