// The desk's use cases on a real SQLite database with a manual clock: one transaction per command, refusals that
// change nothing but the audit trail, idempotent creation, sessions that expire.
#include <gtest/gtest.h>

#include <future>
#include <stdexcept>

#include "app/modules.hpp"
#include "app/wait.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::app {
namespace {

class DeskTest : public ::testing::Test {
 protected:
    void SetUp() override {
        ASSERT_TRUE(InitCrypto());
        db_ = std::move(*store::OpenSqlite(dir_.File("desk.db")));
        ASSERT_TRUE(store::Migrate(*db_, clock_.Now()));
        DeskOptions options;
        options.password_cost = PasswordCost{1, 8 * 1024 * 1024};
        desk_ = std::make_unique<Modules>(*db_, clock_, options);
        lead_ = Add("lead", domain::Role::kShiftLead);
        asha_ = Add("asha", domain::Role::kEngineer);
        bruno_ = Add("bruno", domain::Role::kEngineer);
    }

    domain::Actor Add(const std::string& login, domain::Role role) {
        auto u = Wait<domain::User>([&](auto done) {
            desk_->people.AddUser({login, "Name " + login, login + "@desk.test", role, "password123"}, done);
        });
        EXPECT_TRUE(u) << u.error().message;
        return {u->id, u->role, u->login, u->name};
    }

    CreateTicketCmd Ticket(const std::string& subject = "Export is broken") {
        CreateTicketCmd c;
        c.subject = subject;
        c.description = "Clicking export does nothing.";
        c.customer = {"Jo Park", "Jo@Acme.example", std::string("enterprise"), true};
        return c;
    }

    domain::Ticket Create(const domain::Actor& who, CreateTicketCmd cmd) {
        auto t = Wait<CreatedTicket>([&](auto done) { desk_->tickets.CreateTicket(who, cmd, done); });
        EXPECT_TRUE(t) << t.error().message;
        return t->ticket;
    }

    std::vector<store::EventRow> Events(domain::TicketId id) {
        auto e = desk_->tickets.GetEvents(lead_, id, 0, 100);
        EXPECT_TRUE(e);
        return *e;
    }

    test::TempDir dir_;
    ManualClock clock_{1795424700000};
    std::unique_ptr<store::Db> db_;
    std::unique_ptr<Modules> desk_;
    domain::Actor lead_, asha_, bruno_;
};

TEST_F(DeskTest, ANewTicketWaitsUnownedWithTheCustomersWordsOpeningTheThread_R1) {
    const auto t = Create(asha_, Ticket());
    EXPECT_EQ(t.status, domain::TicketStatus::kNew);
    EXPECT_FALSE(t.owner_id);
    EXPECT_EQ(t.customer.email, "jo@acme.example") << "addresses are kept in lower case";
    auto thread = desk_->tickets.GetThread(asha_, t.id);
    ASSERT_TRUE(thread);
    ASSERT_EQ(thread->size(), 1u);
    EXPECT_EQ(thread->front().kind, domain::EntryKind::kCustomer);
    EXPECT_EQ(thread->front().author_name, "Jo Park");
}

TEST_F(DeskTest, ARefusedCommandChangesNothingAndLeavesOneAuditLine_R11) {
    const auto t = Create(asha_, Ticket());
    ASSERT_TRUE(Wait<domain::Ticket>([&](auto done) { desk_->tickets.TakeTicket(asha_, t.id, done); }));
    const auto before = *desk_->tickets.GetTicket(lead_, t.id);
    clock_.Advance(kMinute);

    auto refused = Wait<domain::Ticket>([&](auto done) { desk_->tickets.TakeTicket(bruno_, t.id, done); });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(refused.error().rule(), rule::R11);

    const auto after = *desk_->tickets.GetTicket(lead_, t.id);
    EXPECT_EQ(after.owner_id, before.owner_id);
    EXPECT_EQ(after.updated_at, before.updated_at);
    const auto events = Events(t.id);
    ASSERT_FALSE(events.empty());
    const auto& last = events.back().event;
    EXPECT_EQ(last.action, "ticket.taken");
    EXPECT_EQ(last.outcome, domain::Outcome::kRefused);
    EXPECT_EQ(last.rule, "R11");
    EXPECT_EQ(last.actor_id, bruno_.id);
    EXPECT_FALSE(last.message.empty());
}

TEST_F(DeskTest, ACommandThatFailsHalfwayLeavesNothingBehind) {
    const auto t = Create(asha_, Ticket());
    auto failed = Wait<bool>([&](Done<bool> done) {
        desk_->runner.Write<bool>(
            asha_,
            [&](store::Conn& c, Millis now) -> Result<bool> {
                SD_CHECK(c.Execute("UPDATE tickets SET subject = 'half-written', updated_at = $2 WHERE id = $1",
                                   {t.id, now}));
                return Invalid("body", "found a problem after writing");
            },
            done);
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(desk_->tickets.GetTicket(lead_, t.id)->subject, "Export is broken");
}

TEST_F(DeskTest, AUseCaseThatThrowsBecomesAnInternalErrorWithItsTextAndNothingOfItIsKept) {
    const auto t = Create(asha_, Ticket());
    const auto events_before = Events(t.id).size();
    auto thrown = Wait<bool>([&](Done<bool> done) {
        desk_->runner.Write<bool>(
            asha_,
            [&](store::Conn& c, Millis now) -> Result<bool> {
                SD_CHECK(c.Execute("UPDATE tickets SET subject = 'half-written', updated_at = $2 WHERE id = $1",
                                   {t.id, now}));
                throw std::logic_error("a bug in the use case");
            },
            done);
    });
    ASSERT_FALSE(thrown);
    EXPECT_EQ(thrown.error().code, ErrorCode::kInternal);
    EXPECT_NE(thrown.error().message.find("a bug in the use case"), std::string::npos) << thrown.error().message;
    EXPECT_EQ(desk_->tickets.GetTicket(lead_, t.id)->subject, "Export is broken");
    EXPECT_EQ(Events(t.id).size(), events_before) << "no audit line: nothing was refused";
    // The desk goes on serving.
    EXPECT_TRUE(Wait<domain::Ticket>([&](auto done) { desk_->tickets.TakeTicket(asha_, t.id, done); }));
}

TEST_F(DeskTest, TheThrowHookIsOffUnlessTheDeskRunsWithTestHooks) {
    const auto t = Create(asha_, Ticket());
    desk_->runner.ThrowInNextCommandOf(asha_.id);
    EXPECT_TRUE(Wait<domain::Ticket>([&](auto done) { desk_->tickets.TakeTicket(asha_, t.id, done); }))
        << "a desk without test hooks ignores the hook";

    DeskOptions options;
    options.test_hooks = true;
    Modules hooked(*db_, clock_, options);
    const auto u = Create(asha_, Ticket("Second"));
    const auto v = Create(asha_, Ticket("Third"));
    hooked.runner.ThrowInNextCommandOf(asha_.id);
    EXPECT_TRUE(Wait<domain::Ticket>([&](auto done) { hooked.tickets.TakeTicket(bruno_, v.id, done); }))
        << "another user's command is not the one armed";
    auto armed = Wait<domain::Ticket>([&](auto done) { hooked.tickets.TakeTicket(asha_, u.id, done); });
    ASSERT_FALSE(armed);
    EXPECT_EQ(armed.error().code, ErrorCode::kInternal);
    EXPECT_FALSE(hooked.tickets.GetTicket(lead_, u.id)->owner_id) << "undone";
    EXPECT_TRUE(Wait<domain::Ticket>([&](auto done) { hooked.tickets.TakeTicket(asha_, u.id, done); }))
        << "only the next command throws";
}

TEST_F(DeskTest, ALeadsReassignmentCarriesTheLeadsNote_R10_R11) {
    const auto t = Create(asha_, Ticket());
    ASSERT_TRUE(Wait<domain::Ticket>([&](auto done) { desk_->tickets.TakeTicket(asha_, t.id, done); }));
    auto moved = Wait<domain::Ticket>(
        [&](auto done) { desk_->tickets.AssignTicket(lead_, t.id, bruno_.id, "Bruno knows exports.", done); });
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(moved->owner_id, bruno_.id);
    auto thread = *desk_->tickets.GetThread(asha_, t.id);
    ASSERT_EQ(thread.back().kind, domain::EntryKind::kNote);
    EXPECT_EQ(thread.back().author_id, lead_.id);
    const auto events = Events(t.id);
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events.back().event.action, "ticket.noted") << "the note is recorded after the assignment";
    const auto& assigned = events[events.size() - 2];
    EXPECT_EQ(assigned.event.action, "ticket.assigned");
    EXPECT_EQ(assigned.event.rule, "R11");
    EXPECT_EQ(assigned.before_json, "{\"owner_id\":" + std::to_string(asha_.id) + "}");
    EXPECT_EQ(assigned.after_json, "{\"owner_id\":" + std::to_string(bruno_.id) + "}");
}

TEST_F(DeskTest, TheSameIdempotencyKeyGivesTheSameTicketAndAnotherBodyIsRefused) {
    auto cmd = Ticket();
    cmd.idempotency_key = "retry-1";
    cmd.request_hash = "h1";
    const auto first = Create(asha_, cmd);
    auto second = Wait<CreatedTicket>([&](auto done) { desk_->tickets.CreateTicket(asha_, cmd, done); });
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->replayed);
    EXPECT_EQ(second->ticket.id, first.id);
    cmd.request_hash = "h2";
    auto other = Wait<CreatedTicket>([&](auto done) { desk_->tickets.CreateTicket(asha_, cmd, done); });
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kConflict);
    store::TicketQuery q;
    q.unowned_only = true;
    auto queue = desk_->tickets.ListTickets(lead_, q);
    EXPECT_EQ(queue->size(), 1u);
}

TEST_F(DeskTest, AKnownCustomerKeepsPlanAndCriticalFlagWhenATicketDoesNotSay) {
    Create(asha_, Ticket());
    auto cmd = Ticket("Second issue");
    cmd.customer.plan.reset();
    cmd.customer.critical.reset();
    const auto t = Create(asha_, cmd);
    EXPECT_EQ(t.customer.plan, "enterprise");
    EXPECT_TRUE(t.customer.critical);
}

TEST_F(DeskTest, SessionsExpireWithTheClockAndLogoutRevokes) {
    auto session = Wait<Session>(
        [&](auto done) { desk_->people.Login(*desk_->people.BeginLogin("asha", "10.0.0.1"), "password123", done); });
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_TRUE(desk_->people.Authenticate(session->token));
    clock_.Advance(12 * kHour);
    auto expired = desk_->people.Authenticate(session->token);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);

    auto again = Wait<Session>(
        [&](auto done) { desk_->people.Login(*desk_->people.BeginLogin("asha", "10.0.0.1"), "password123", done); });
    auto cred = desk_->people.Authenticate(again->token);
    ASSERT_TRUE(cred);
    ASSERT_TRUE(Wait<bool>([&](auto done) { desk_->people.Logout(*cred, done); }));
    EXPECT_FALSE(desk_->people.Authenticate(again->token));
}

TEST_F(DeskTest, AWrongPasswordAndAnUnknownLoginFailAlike) {
    auto wrong = Wait<Session>(
        [&](auto done) { desk_->people.Login(*desk_->people.BeginLogin("asha", "10.0.0.1"), "password124", done); });
    auto unknown = Wait<Session>(
        [&](auto done) { desk_->people.Login(*desk_->people.BeginLogin("nobody", "10.0.0.1"), "password123", done); });
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(DeskTest, TheBinListsOwnOpenTicketsDueFirst_R1) {
    std::vector<domain::TicketId> ids;
    for (int i = 0; i < 3; ++i) {
        const auto t = Create(asha_, Ticket("t" + std::to_string(i)));
        ASSERT_TRUE(Wait<domain::Ticket>([&](auto done) { desk_->tickets.TakeTicket(asha_, t.id, done); }));
        ids.push_back(t.id);
    }
    // Due times arrive with the SLA engine; until then the bin orders by due time, then by age.
    ASSERT_TRUE(db_->WriteAndWait([&](store::Conn& c) -> Result<void> {
        SD_CHECK(c.Execute("UPDATE tickets SET due_at = 500 WHERE id = $1", {ids[2]}));
        SD_CHECK(c.Execute("UPDATE tickets SET due_at = 900 WHERE id = $1", {ids[0]}));
        return {};
    }));
    store::TicketQuery bin;
    bin.owner_id = asha_.id;
    bin.statuses = {domain::TicketStatus::kOpen};
    auto page = desk_->tickets.ListTickets(asha_, bin);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->size(), 3u);
    EXPECT_EQ((*page)[0].id, ids[2]);
    EXPECT_EQ((*page)[1].id, ids[0]);
    EXPECT_EQ((*page)[2].id, ids[1]) << "no due time sorts last";
    bin.limit = 1;
    bin.after = store::TicketCursor{store::DueKey((*page)[0]), (*page)[0].id};
    auto next = desk_->tickets.ListTickets(asha_, bin);
    ASSERT_EQ(next->size(), 1u);
    EXPECT_EQ((*next)[0].id, ids[0]);
}

// A leave that has begun (today, in the team's zone) but whose start the due work has not recorded yet: setting its
// diversion queues the phone system's order, and the start that follows must not queue a second one (R13).
TEST_F(DeskTest, ADiversionSetOnALeaveUnderWayQueuesOneApplyOrder_R13) {
    DeskOptions options;
    options.password_cost = PasswordCost{1, 8 * 1024 * 1024};
    options.phone_driver = domain::PhoneDriverKind::kAsteriskAmi;
    desk_ = std::make_unique<Modules>(*db_, clock_, options);
    ASSERT_TRUE(Wait<domain::User>([&](auto done) { desk_->people.SetDeskPhone(asha_, asha_.id, "1001", done); }));
    const std::string today = FormatIsoDate(CivilDay{static_cast<std::int32_t>(clock_.Now() / kDay)});
    auto leave = Wait<LeaveView>([&](auto done) {
        desk_->leaves.PlanLeave(asha_, PlanLeaveCmd{std::nullopt, today, today, "sick", ""}, done);
    });
    ASSERT_TRUE(leave) << leave.error().message;
    ASSERT_LE(leave->leave.starts_at, clock_.Now()) << "under way";
    const auto applies = [&] {
        std::int64_t n = -1;
        EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Result<void> {
            auto row = SD_TRY(c.QueryOne("SELECT COUNT(*) FROM outbox WHERE kind = 'diversion.apply'"));
            n = row->Int(0);
            return {};
        }));
        return n;
    };

    ASSERT_TRUE(Wait<LeaveView>([&](auto done) { desk_->leaves.SetDiversion(asha_, leave->leave.id, "1002", done); }));
    EXPECT_EQ(applies(), 1) << "set during the leave: the phone system takes it now";
    ASSERT_TRUE(Wait<DueWorkReport>([&](auto done) { desk_->due_work.RunDueWork(done); }));
    EXPECT_EQ(applies(), 1) << "the start finds the order on its way and queues no second one";
    clock_.Advance(kHour);
    ASSERT_TRUE(Wait<DueWorkReport>([&](auto done) { desk_->due_work.RunDueWork(done); }));
    EXPECT_EQ(applies(), 1);
}

}  // namespace
}  // namespace shiftdesk::app
