// The outbox's use cases on a real SQLite database with a manual clock (R5, R13): claims per lane under the lease
// they are given, a bounded number of attempts with a final state, and leases of stopped processes released.
#include <gtest/gtest.h>

#include "app/modules.hpp"
#include "app/wait.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::app {
namespace {

using store::OutboxItem;
using store::OutboxLane;
using store::OutboxState;

class OutboxTest : public ::testing::Test {
 protected:
    void SetUp() override {
        ASSERT_TRUE(InitCrypto());
        db_ = std::move(*store::OpenSqlite(dir_.File("desk.db")));
        ASSERT_TRUE(store::Migrate(*db_, clock_.Now()));
        DeskOptions options;
        options.password_cost = PasswordCost{1, 8 * 1024 * 1024};
        options.mail_max_attempts = 4;
        options.phone_max_attempts = 2;
        desk_ = std::make_unique<Modules>(*db_, clock_, options);
        auto u = Wait<domain::User>([&](auto done) {
            desk_->people.AddUser({"asha", "Asha", "asha@desk.test", domain::Role::kEngineer, "password123"}, done);
        });
        ASSERT_TRUE(u) << u.error().message;
        asha_ = {u->id, u->role, u->login, u->name};
        auto leave = Wait<LeaveView>([&](auto done) {
            desk_->leaves.PlanLeave(asha_, {std::nullopt, "2026-12-07", "2026-12-08", "vacation", ""}, done);
        });
        ASSERT_TRUE(leave) << leave.error().message;
        leave_id_ = leave->leave.id;
    }

    std::int64_t Queue(store::OutboxKind kind) {
        OutboxItem item;
        item.kind = kind;
        const bool mail = kind == store::OutboxKind::kMail;
        item.subject_id = mail ? leave_id_ : 999;
        item.recipients = {"team@desk.test"};
        item.payload = mail ? "Subject: hand-off\r\n\r\nhi\r\n" : R"({"extension":"1001","target":"1002"})";
        item.next_attempt_at = clock_.Now();
        item.created_at = clock_.Now();
        std::int64_t id = 0;
        EXPECT_TRUE(db_->WriteAndWait([&](store::Conn& c) -> Result<void> {
            id = SD_TRY(store::InsertOutbox(c, item)).id;
            return {};
        }));
        return id;
    }

    std::vector<OutboxItem> Claim(OutboxLane lane, const std::string& instance = "this", Millis lease = kMinute) {
        auto claimed = Wait<std::vector<OutboxItem>>(
            [&](auto done) { desk_->outbox.ClaimOutbox(lane, instance, lease, 10, done); });
        EXPECT_TRUE(claimed) << claimed.error().message;
        return claimed ? *claimed : std::vector<OutboxItem>{};
    }

    void Report(std::int64_t id, DeliveryOutcome outcome, const std::string& detail = "Timeout was reached") {
        auto r = Wait<bool>([&](auto done) { desk_->outbox.RecordDelivery(id, {outcome, detail}, done); });
        ASSERT_TRUE(r) << r.error().message;
    }

    OutboxItem Find(std::int64_t id) {
        auto item =
            desk_->runner.Read<std::optional<OutboxItem>>([&](store::Conn& c) { return store::FindOutbox(c, id); });
        EXPECT_TRUE(item && *item);
        return item && *item ? **item : OutboxItem{};
    }

    std::vector<std::string> Told(const std::string& kind) {
        std::vector<std::string> out;
        for (const auto& n : *desk_->notifications.ListNotifications(asha_, false, std::nullopt, 100)) {
            if (n.kind == kind) out.push_back(n.message);
        }
        return out;
    }

    test::TempDir dir_;
    ManualClock clock_{1795424700000};
    std::unique_ptr<store::Db> db_;
    std::unique_ptr<Modules> desk_;
    domain::Actor asha_;
    std::int64_t leave_id_ = 0;
};

TEST_F(OutboxTest, EachLaneClaimsOnlyItsOwnWorkUnderTheLeaseItIsGiven_R5_R13) {
    const auto mail = Queue(store::OutboxKind::kMail);
    const auto phone = Queue(store::OutboxKind::kDiversionApply);
    const auto claimed = Claim(OutboxLane::kPhone, "desk-a", 12 * kMinute);
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_EQ(claimed[0].id, phone);
    const OutboxItem leased = Find(phone);
    EXPECT_EQ(leased.attempts, 1);
    EXPECT_EQ(leased.claimed_by, "desk-a");
    EXPECT_EQ(leased.next_attempt_at, clock_.Now() + 12 * kMinute);
    EXPECT_EQ(*desk_->outbox.NextOutboxAttempt(OutboxLane::kMail), clock_.Now()) << "the mail lane still has its own";
    EXPECT_EQ(*desk_->outbox.NextOutboxAttempt(OutboxLane::kPhone), clock_.Now() + 12 * kMinute);
    EXPECT_EQ(Claim(OutboxLane::kPhone).size(), 0u) << "leased: nobody else takes it";
    ASSERT_EQ(Claim(OutboxLane::kMail).size(), 1u);
    EXPECT_EQ(Find(mail).attempts, 1);
}

TEST_F(OutboxTest, MailIsGivenUpAfterMaxAttemptsAndTheEngineerToldOnce_R5) {
    const auto id = Queue(store::OutboxKind::kMail);
    for (int attempt = 1; attempt <= 4; ++attempt) {
        ASSERT_EQ(Claim(OutboxLane::kMail).size(), 1u) << "attempt " << attempt;
        Report(id, DeliveryOutcome::kRetry);
        const OutboxItem item = Find(id);
        EXPECT_EQ(item.claimed_by, "") << "reported: the lease is let go";
        EXPECT_EQ(item.state, attempt < 4 ? OutboxState::kPending : OutboxState::kFailed) << attempt;
        EXPECT_EQ(item.gave_up, attempt == 4);
        clock_.Advance(31 * kMinute);
    }
    EXPECT_EQ(Claim(OutboxLane::kMail).size(), 0u) << "no attempt after the last";
    EXPECT_EQ(Told("handoff.mail_delayed").size(), 1u) << "at the third attempt, as before";
    const auto failed = Told("handoff.mail_failed");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_NE(failed[0].find("after 4 attempts (last: Timeout was reached)"), std::string::npos) << failed[0];
    const auto view = desk_->leaves.GetLeave(asha_, leave_id_);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->readiness.items[2].name, "handoff_sent");
    EXPECT_NE(view->readiness.items[2].blockers.at(0).message.find("gave up"), std::string::npos);
}

TEST_F(OutboxTest, ARefusalIsFinalAtOnceButNotAGiveUp_R5) {
    const auto id = Queue(store::OutboxKind::kMail);
    ASSERT_EQ(Claim(OutboxLane::kMail).size(), 1u);
    Report(id, DeliveryOutcome::kPermanent, "no such mailbox (SMTP 550)");
    EXPECT_EQ(Find(id).state, OutboxState::kFailed);
    EXPECT_FALSE(Find(id).gave_up);
    EXPECT_EQ(Told("handoff.mail_refused").size(), 1u);
    EXPECT_TRUE(Told("handoff.mail_failed").empty());
}

TEST_F(OutboxTest, PhoneWorkHasItsOwnBound_R13) {
    const auto id = Queue(store::OutboxKind::kDiversionRemove);
    for (int attempt = 1; attempt <= 2; ++attempt) {
        ASSERT_EQ(Claim(OutboxLane::kPhone).size(), 1u);
        Report(id, DeliveryOutcome::kRetry, "no AMI banner");
        clock_.Advance(31 * kMinute);
    }
    EXPECT_EQ(Find(id).state, OutboxState::kFailed);
    EXPECT_TRUE(Find(id).gave_up);
    EXPECT_EQ(Claim(OutboxLane::kPhone).size(), 0u);
}

TEST_F(OutboxTest, AtStartTheLeasesOfOtherInstancesAreReleasedAndOwnOnesKept_R5) {
    const auto crashed = Queue(store::OutboxKind::kMail);
    const auto mine = Queue(store::OutboxKind::kDiversionApply);
    ASSERT_EQ(Claim(OutboxLane::kMail, "before-the-crash", 16 * kMinute).size(), 1u);
    ASSERT_EQ(Claim(OutboxLane::kPhone, "now", 16 * kMinute).size(), 1u);
    clock_.Advance(kSecond);

    auto released = Wait<int>([&](auto done) { desk_->outbox.ReleaseOutboxLeases("now", done); });
    ASSERT_TRUE(released) << released.error().message;
    EXPECT_EQ(*released, 1);
    const OutboxItem again = Find(crashed);
    EXPECT_EQ(again.next_attempt_at, clock_.Now()) << "due now, not after its lease";
    EXPECT_EQ(again.claimed_by, "");
    EXPECT_EQ(again.attempts, 1) << "the interrupted attempt still counts";
    EXPECT_EQ(Find(mine).claimed_by, "now");
    const auto claimed = Claim(OutboxLane::kMail, "now");
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_EQ(claimed[0].attempts, 2);
}

}  // namespace
}  // namespace shiftdesk::app
