// The rulebook for handing work over (R4, R5, R8, R13): who places, edits, picks up and closes hand-off entries,
// who sets and confirms a diversion and sends the hand-off email, and the readiness checklist item by item.
#include "policy/handoff_policy.hpp"

#include <gtest/gtest.h>

#include "policy/readiness.hpp"
#include "team.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Role;

using namespace team;  // NOLINT(google-build-using-namespace): the table's cast

constexpr Millis kDay = 24 * kHour;

domain::Ticket Ticket(domain::TicketId id, std::optional<domain::UserId> owner,
                      domain::TicketStatus status = domain::TicketStatus::kOpen) {
    domain::Ticket t;
    t.id = id;
    t.subject = "Ticket " + std::to_string(id);
    t.owner_id = owner;
    t.status = status;
    return t;
}

domain::HandoffEntry Entry(const domain::Actor& from, domain::HandoffState state = domain::HandoffState::kOpen) {
    domain::HandoffEntry e;
    e.id = 7;
    e.ticket_id = 1;
    e.from_user_id = from.id;
    e.state = state;
    return e;
}

domain::Leave LeaveOf(const domain::Actor& a) {
    domain::Leave l;
    l.id = 3;
    l.user_id = a.id;
    l.first_day = "2026-12-01";
    l.last_day = "2026-12-03";
    l.starts_at = 10 * kDay;
    l.ends_at = 13 * kDay;
    return l;
}

domain::User WithPhone(const domain::Actor& a, std::optional<std::string> phone = "1001") {
    domain::User u;
    u.id = a.id;
    u.role = a.role;
    u.name = a.name;
    u.desk_phone = std::move(phone);
    return u;
}

TEST(HandoffRulebook, WhoPlacesWhichTicketOnTheSheet_R8) {
    struct Row {
        const domain::Actor& actor;
        domain::Ticket ticket;
        bool live = false;
        bool allowed = false;
        ErrorCode code = ErrorCode::kForbidden;
    };
    const Row rows[] = {
        {kAsha, Ticket(1, kAsha.id), false, true},
        {kAsha, Ticket(1, kBruno.id), false, false, ErrorCode::kForbidden},
        {kLead, Ticket(1, kBruno.id), false, true},
        {kSuccess, Ticket(1, kSuccess.id), false, false, ErrorCode::kForbidden},
        {kAdmin, Ticket(1, kAsha.id), false, false, ErrorCode::kForbidden},
        {kAsha, Ticket(1, kAsha.id, domain::TicketStatus::kSolved), false, false, ErrorCode::kConflict},
        {kAsha, Ticket(1, kAsha.id, domain::TicketStatus::kClosed), false, false, ErrorCode::kConflict},
        {kLead, Ticket(1, std::nullopt, domain::TicketStatus::kNew), false, false, ErrorCode::kConflict},
        {kAsha, Ticket(1, kAsha.id, domain::TicketStatus::kPending), false, true},
        {kAsha, Ticket(1, kAsha.id), true, false, ErrorCode::kConflict},
    };
    for (const auto& row : rows) {
        const auto live = row.live ? std::optional<domain::HandoffEntry>(Entry(kAsha)) : std::nullopt;
        const Decision d = DecidePlaceOnSheet(row.actor, row.ticket, live);
        EXPECT_EQ(d.allowed(), row.allowed) << row.actor.login << " places ticket of "
                                            << (row.ticket.owner_id ? std::to_string(*row.ticket.owner_id) : "nobody")
                                            << " in " << domain::ToString(row.ticket.status);
        if (!d.allowed()) {
            EXPECT_EQ(d.rule, rule::R8);
            EXPECT_EQ(d.code, row.code) << d.message;
        }
    }
}

TEST(HandoffRulebook, PickingUpGoesThroughTheLead_R7_R11) {
    const auto open = Entry(kAsha);
    const auto lead = DecidePickUp(kLead, open, kBruno.id);
    EXPECT_TRUE(lead.decision.allowed());
    EXPECT_EQ(lead.route, PickUpRoute::kLeadAssigns);
    const auto self = DecidePickUp(kBruno, open, kBruno.id);
    EXPECT_TRUE(self.decision.allowed());
    EXPECT_EQ(self.route, PickUpRoute::kRequestToLead) << "an engineer asks; the lead reassigns";
    EXPECT_EQ(DecidePickUp(kBruno, open, kLead.id).decision.rule, rule::R7) << "never for someone else";
    EXPECT_FALSE(DecidePickUp(kAsha, open, kAsha.id).decision.allowed()) << "your own hand-off waits for a colleague";
    EXPECT_FALSE(DecidePickUp(kSuccess, open, kSuccess.id).decision.allowed());
    const auto taken = DecidePickUp(kLead, Entry(kAsha, domain::HandoffState::kPickedUp), kBruno.id);
    EXPECT_EQ(taken.decision.code, ErrorCode::kConflict);
}

TEST(HandoffRulebook, WhoEditsAndClosesAnEntry_R8) {
    auto picked = Entry(kAsha, domain::HandoffState::kPickedUp);
    picked.picked_up_by = kBruno.id;
    EXPECT_TRUE(DecideEditEntry(kAsha, picked).allowed());
    EXPECT_TRUE(DecideEditEntry(kLead, picked).allowed());
    EXPECT_FALSE(DecideEditEntry(kBruno, picked).allowed()) << "the picker closes it, but does not rewrite it";
    EXPECT_EQ(DecideEditEntry(kAsha, Entry(kAsha, domain::HandoffState::kDone)).code, ErrorCode::kConflict);
    for (const auto* a : {&kAsha, &kBruno, &kLead}) EXPECT_TRUE(DecideFinishEntry(*a, picked).changes()) << a->login;
    EXPECT_EQ(DecideFinishEntry(kSuccess, picked).rule, rule::R8);
    EXPECT_FALSE(DecideFinishEntry(kAsha, Entry(kAsha, domain::HandoffState::kDone)).changes()) << "done is done";
    EXPECT_TRUE(DecideViewSheet(kSuccess).allowed());
    EXPECT_FALSE(DecideViewSheet(kAdmin).allowed());
}

TEST(HandoffRulebook, DiversionAndEmailBelongToThePersonOnLeaveOrALead_R5_R13) {
    const auto leave = LeaveOf(kAsha);
    const Millis before = 5 * kDay;
    EXPECT_TRUE(DecideSetDiversion(kAsha, leave, WithPhone(kAsha), std::nullopt, before).allowed());
    EXPECT_TRUE(DecideSetDiversion(kLead, leave, WithPhone(kAsha), std::nullopt, before).allowed());
    EXPECT_EQ(DecideSetDiversion(kBruno, leave, WithPhone(kAsha), std::nullopt, before).rule, rule::R13);
    EXPECT_EQ(DecideSetDiversion(kAsha, leave, WithPhone(kAsha, std::nullopt), std::nullopt, before).code,
              ErrorCode::kConflict)
        << "no desk phone, nothing to divert";
    EXPECT_FALSE(DecideSetDiversion(kAsha, leave, WithPhone(kAsha), std::nullopt, 14 * kDay).allowed()) << "over";
    domain::Diversion active;
    active.state = domain::DiversionState::kActive;
    EXPECT_FALSE(DecideSetDiversion(kAsha, leave, WithPhone(kAsha), active, 11 * kDay).allowed());

    domain::Diversion manual;
    EXPECT_TRUE(DecideConfirmDiversion(kAsha, leave, manual).changes());
    EXPECT_FALSE(DecideConfirmDiversion(kAsha, leave, std::nullopt).allowed()) << "a target first";
    domain::Diversion automatic;
    automatic.driver = domain::PhoneDriverKind::kAsteriskAmi;
    EXPECT_EQ(DecideConfirmDiversion(kAsha, leave, automatic).code, ErrorCode::kConflict);

    EXPECT_TRUE(DecideSendHandoffEmail(kAsha, leave, before).allowed());
    EXPECT_TRUE(DecideSendHandoffEmail(kLead, leave, before).allowed());
    EXPECT_EQ(DecideSendHandoffEmail(kBruno, leave, before).rule, rule::R5);
    EXPECT_FALSE(DecideSendHandoffEmail(kAsha, leave, 13 * kDay).allowed()) << "the leave is over";
}

// Readiness: a table of situations, each naming the one item it turns red (or none).
struct ReadinessCase {
    const char* situation;
    std::function<void(ReadinessFacts&)> change;
    const char* red;  // nullptr: ready
};

ReadinessFacts ReadyFacts() {
    ReadinessFacts f;
    f.leave = LeaveOf(kAsha);
    f.person = WithPhone(kAsha);
    f.handoff_mail = HandoffMailFacts{MailProgress::kAccepted, 1, "", 5 * kDay};
    domain::Diversion d;
    d.extension = "1001";
    d.target = "1002";
    d.state = domain::DiversionState::kConfirmed;
    f.diversion = d;
    return f;
}

TEST(Readiness, EachSituationTurnsExactlyItsItemRed_R4) {
    const ReadinessCase cases[] = {
        {"everything done", [](ReadinessFacts&) {}, nullptr},
        {"an open ticket not on the sheet", [](ReadinessFacts& f) { f.owned_open.push_back(Ticket(5, kAsha.id)); },
         "bin_cleared"},
        {"an open ticket on the sheet",
         [](ReadinessFacts& f) {
             f.owned_open.push_back(Ticket(5, kAsha.id));
             f.handed_over.insert(5);
         },
         nullptr},
        {"a call inside the leave", [](ReadinessFacts& f) { f.calls.push_back(domain::Call{}); }, "followups_done"},
        {"no hand-off email", [](ReadinessFacts& f) { f.handoff_mail.reset(); }, "handoff_sent"},
        {"an email still queued", [](ReadinessFacts& f) { f.handoff_mail->progress = MailProgress::kQueued; },
         "handoff_sent"},
        {"an email refused", [](ReadinessFacts& f) { f.handoff_mail->progress = MailProgress::kFailed; },
         "handoff_sent"},
        {"an email the desk gave up on", [](ReadinessFacts& f) { f.handoff_mail->progress = MailProgress::kGaveUp; },
         "handoff_sent"},
        {"no diversion", [](ReadinessFacts& f) { f.diversion.reset(); }, "diversion_set"},
        {"a manual diversion not confirmed",
         [](ReadinessFacts& f) { f.diversion->state = domain::DiversionState::kPlanned; }, "diversion_set"},
        {"a driver's diversion planned",
         [](ReadinessFacts& f) {
             f.diversion->state = domain::DiversionState::kPlanned;
             f.diversion->driver = domain::PhoneDriverKind::kAsteriskAmi;
         },
         nullptr},
        {"a diversion the phone system refused",
         [](ReadinessFacts& f) { f.diversion->state = domain::DiversionState::kFailed; }, "diversion_set"},
        {"no desk phone and no diversion",
         [](ReadinessFacts& f) {
             f.person.desk_phone.reset();
             f.diversion.reset();
         },
         nullptr},
    };
    for (const auto& c : cases) {
        ReadinessFacts facts = ReadyFacts();
        c.change(facts);
        const Readiness r = EvaluateReadiness(facts);
        EXPECT_EQ(r.ready, c.red == nullptr) << c.situation;
        for (const auto& item : r.items) {
            const bool red = c.red && item.name == c.red;
            EXPECT_EQ(item.state == ItemState::kMissing, red) << c.situation << ": " << item.name;
            if (red) {
                ASSERT_FALSE(item.blockers.empty()) << c.situation;
                EXPECT_FALSE(item.blockers.front().link.empty()) << c.situation << ": a blocker links where to act";
            }
        }
        if (c.red) EXPECT_NE(MissingSummary(r).find(c.red), std::string::npos) << c.situation;
    }
}

TEST(Readiness, AnEmailGivenUpSaysSoAndLinksWhereToSendItAgain_R4_R5) {
    ReadinessFacts f = ReadyFacts();
    f.handoff_mail = HandoffMailFacts{MailProgress::kGaveUp, 12, "Timeout was reached", std::nullopt};
    const auto item = EvaluateReadiness(f).items[2];
    ASSERT_EQ(item.name, "handoff_sent");
    ASSERT_EQ(item.blockers.size(), 1u);
    EXPECT_NE(item.blockers[0].message.find("gave up on the hand-off email after 12 attempts (last: Timeout"),
              std::string::npos)
        << item.blockers[0].message;
    EXPECT_EQ(item.blockers[0].link, "/api/v1/leaves/" + std::to_string(f.leave.id) + "/handoff-email");
}

TEST(Readiness, APromiseOrUpdateDueInsideTheLeaveIsAFollowUpUnlessHandedOver_R2_R4) {
    ReadinessFacts f = ReadyFacts();
    domain::Ticket promised = Ticket(5, kAsha.id);
    promised.sla.promised_at = f.leave.starts_at + kHour;
    domain::Ticket later = Ticket(6, kAsha.id);
    later.sla.promised_at = f.leave.ends_at + kHour;  // after the leave: not a follow-up of it
    f.owned_open = {promised, later};
    f.handed_over = {6};
    auto r = EvaluateReadiness(f);
    const auto& followups = r.items[1];
    ASSERT_EQ(followups.name, "followups_done");
    ASSERT_EQ(followups.blockers.size(), 1u);
    EXPECT_EQ(followups.blockers[0].link, "/api/v1/tickets/5");
    EXPECT_NE(followups.blockers[0].message.find("T01:00:00Z"), std::string::npos) << "UTC without a team zone";
    f.zone = TimeZone::Find("Europe/Paris").value();
    EXPECT_NE(EvaluateReadiness(f).items[1].blockers[0].message.find("02:00 Europe/Paris"), std::string::npos)
        << "the team's wall clock: " << EvaluateReadiness(f).items[1].blockers[0].message;
    f.handed_over.insert(5);
    r = EvaluateReadiness(f);
    EXPECT_TRUE(r.ready) << MissingSummary(r);
    EXPECT_EQ(MissingSummary(r), "");
}

}  // namespace
}  // namespace shiftdesk::policy
