// The SQLite driver: portable parameters, migrations, group commit with per-command savepoints, durability.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <future>
#include <limits>
#include <stdexcept>
#include <thread>

#include "store/db.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::store {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto opened = OpenSqlite(dir_.File("test.db"));
        ASSERT_TRUE(opened) << opened.error().message;
        db_ = std::move(*opened);
        auto migrated = Migrate(*db_, 1);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }

    std::int64_t Count(const std::string& table) {
        std::int64_t n = -1;
        EXPECT_TRUE(db_->Read([&](Conn& c) -> Result<void> {
            n = SD_TRY(c.QueryOne("SELECT COUNT(*) FROM " + table))->Int(0);
            return {};
        }));
        return n;
    }

    test::TempDir dir_;
    std::unique_ptr<Db> db_;
};

TEST_F(SqliteDbTest, TheFileIsInWalModeWithDurableCommits) {
    ASSERT_TRUE(db_->WriteAndWait([](Conn& c) -> Result<void> {
        EXPECT_EQ(SD_TRY(c.QueryOne("PRAGMA journal_mode"))->Text(0), "wal");
        EXPECT_EQ(SD_TRY(c.QueryOne("PRAGMA synchronous"))->Int(0), 2) << "FULL: fsync at every commit";
        EXPECT_EQ(SD_TRY(c.QueryOne("PRAGMA foreign_keys"))->Int(0), 1);
        return {};
    }));
}

TEST_F(SqliteDbTest, DollarParametersBindByNumberNotByPosition) {
    ASSERT_TRUE(db_->Read([](Conn& c) -> Result<void> {
        auto row = SD_TRY(c.QueryOne("SELECT $2, $1, $2", {std::int64_t{1}, std::string("two")}));
        EXPECT_EQ(row->Text(0), "two");
        EXPECT_EQ(row->Int(1), 1);
        EXPECT_EQ(row->Text(2), "two");
        return {};
    }));
}

TEST_F(SqliteDbTest, MigrationsRunOnceInOrderAndRefuseANewerSchema) {
    auto again = Migrate(*db_, 2);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0) << "the embedded migrations ran at set-up already";

    auto fresh = OpenSqlite(dir_.File("fresh.db"));
    ASSERT_TRUE(fresh);
    const std::vector<Migration> two = {{1, "a", "CREATE TABLE a (id @ID@, x INTEGER)"},
                                        {2, "b", "CREATE TABLE b (id @ID@, y INTEGER); INSERT INTO b (y) VALUES (7)"}};
    auto applied = Migrate(**fresh, 5, two);
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(*applied, 2);
    auto newer = Migrate(**fresh, 6, {two[0]});
    ASSERT_FALSE(newer) << "a binary that knows only version 1 must not run on a version 2 schema";
    EXPECT_NE(newer.error().message.find("newer"), std::string::npos);

    const std::vector<Migration> broken = {two[0], two[1], {3, "c", "CREATE TABLE c (oops"}};
    auto failed = Migrate(**fresh, 7, broken);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message.find("migration 3"), std::string::npos) << failed.error().message;
    ASSERT_TRUE((*fresh)->Read([](Conn& c) -> Result<void> {
        EXPECT_EQ(SD_TRY(c.QueryOne("SELECT MAX(version) FROM schema_migrations"))->Int(0), 2);
        return {};
    }));
}

TEST_F(SqliteDbTest, ATicketBeingWorkedWithoutAnOwnerIsRefusedByTheSchema_R1) {
    auto r = db_->WriteAndWait([](Conn& c) -> Result<void> {
        SD_CHECK(
            c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                      "VALUES ('a', 'a@b.co', 'standard', 0, 1, 1)"));
        SD_CHECK(
            c.Execute("INSERT INTO tickets (subject, description, status, priority, channel, customer_id, "
                      "created_at, updated_at) VALUES ('s', '', 'open', 'normal', 'web', 1, 1, 1)"));
        return {};
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Count("customers"), 0) << "the failed command left nothing behind";
}

TEST_F(SqliteDbTest, ManyConcurrentCommandsCommitTogetherAndEachIsAcknowledged) {
    constexpr int kCommands = 400;
    std::atomic<int> acknowledged{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCommands / 8; ++i) {
                auto r = db_->WriteAndWait([&](Conn& c) -> Result<void> {
                    SD_CHECK(
                        c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                                  "VALUES ($1, $2, 'standard', 0, 1, 1)",
                                  {std::string("c"), "c" + std::to_string(t) + "-" + std::to_string(i) + "@x.co"}));
                    return {};
                });
                if (r) ++acknowledged;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(acknowledged.load(), kCommands);
    EXPECT_EQ(Count("customers"), kCommands);
}

TEST_F(SqliteDbTest, AFailedCommandUndoesOnlyItselfWithinItsGroup) {
    // Three commands submitted at once share a group: the middle one fails (and one throws), the others stay.
    std::vector<std::future<bool>> acks;
    std::vector<std::promise<bool>> promises(4);
    for (auto& p : promises) acks.push_back(p.get_future());
    auto insert = [](const char* email) {
        return [email](Conn& c) {
            return static_cast<bool>(
                c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) VALUES ('n', "
                          "$1, 'p', 0, 1, 1)",
                          {std::string(email)}));
        };
    };
    db_->Submit({insert("a@x.co"), [&](Result<void> r) { promises[0].set_value(bool(r)); }});
    db_->Submit({[&](Conn& c) {
                     (void)insert("b@x.co")(c);
                     return false;  // undo
                 },
                 [&](Result<void> r) { promises[1].set_value(bool(r)); }});
    db_->Submit({[&](Conn& c) -> bool {
                     (void)insert("c@x.co")(c);
                     throw std::runtime_error("bug");
                 },
                 [&](Result<void> r) { promises[2].set_value(bool(r)); }});
    db_->Submit({insert("d@x.co"), [&](Result<void> r) { promises[3].set_value(bool(r)); }});
    EXPECT_TRUE(acks[0].get()) << "the group committed";
    EXPECT_TRUE(acks[1].get()) << "an undone command is acknowledged with the group: it kept nothing, as it asked";
    EXPECT_FALSE(acks[2].get()) << "a command that threw reports its own failure, not the group's commit";
    EXPECT_TRUE(acks[3].get()) << "the group committed";
    std::vector<std::string> emails;
    ASSERT_TRUE(db_->Read([&](Conn& c) -> Result<void> {
        for (const auto& row : SD_TRY(c.Query("SELECT email FROM customers ORDER BY email")))
            emails.push_back(row.Text(0));
        return {};
    }));
    EXPECT_EQ(emails, (std::vector<std::string>{"a@x.co", "d@x.co"}));
}

TEST_F(SqliteDbTest, ACommandThatThrowsIsUndoneAloneAndReportsItsTextAndTheWriterGoesOn) {
    // Held in one group: the first job waits until all three are queued, so the writer takes them together.
    std::promise<void> all_queued;
    auto queued = all_queued.get_future().share();
    auto insert = [](Conn& c, const char* email) {
        return static_cast<bool>(
            c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) VALUES ('n', $1, "
                      "'p', 0, 1, 1)",
                      {std::string(email)}));
    };
    std::promise<Result<void>> first, thrower, last;
    std::atomic<bool> after_undo_ran{false};
    db_->Submit({[&](Conn& c) {
                     queued.wait();
                     return insert(c, "a@x.co");
                 },
                 [&](Result<void> r) { first.set_value(r); }});
    db_->Submit({[&](Conn& c) -> bool {
                     (void)insert(c, "b@x.co");
                     throw std::out_of_range("row 7 has no column 9");
                 },
                 [&](Result<void> r) { thrower.set_value(r); },
                 [&](Conn&) {
                     after_undo_ran = true;  // the command never finished: there is no refusal to record
                     return true;
                 }});
    db_->Submit({[&](Conn& c) { return insert(c, "c@x.co"); }, [&](Result<void> r) { last.set_value(r); }});
    all_queued.set_value();

    EXPECT_TRUE(first.get_future().get());
    EXPECT_TRUE(last.get_future().get());
    const auto failed = thrower.get_future().get();
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
    EXPECT_NE(failed.error().message.find("row 7 has no column 9"), std::string::npos) << failed.error().message;
    EXPECT_FALSE(after_undo_ran);
    EXPECT_EQ(Count("customers WHERE email = 'b@x.co'"), 0) << "the thrower's insert was undone";
    EXPECT_EQ(Count("customers"), 2) << "the rest of its group committed";

    // The writer is still serving.
    ASSERT_TRUE(db_->WriteAndWait([&](Conn& c) -> Result<void> {
        if (!insert(c, "d@x.co")) return Internal("insert failed");
        return {};
    }));
    EXPECT_EQ(Count("customers"), 3);
}

TEST_F(SqliteDbTest, RowReadsNeverThrowAndConvertAsSqliteCastDoes) {
    const Row row({std::string("abc"), std::string("12abc"), std::string("  -7"), std::string("99999999999999999999"),
                   1e30, -1e30, std::nan(""), 2.9, nullptr, std::int64_t{5}, std::string("+-3")});
    EXPECT_EQ(row.Int(0), 0);
    EXPECT_EQ(row.Int(1), 12);
    EXPECT_EQ(row.Int(2), -7);
    EXPECT_EQ(row.Int(3), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(row.Int(4), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(row.Int(5), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(row.Int(6), 0);
    EXPECT_EQ(row.Int(7), 2);
    EXPECT_EQ(row.Int(8), 0);
    EXPECT_FALSE(row.OptInt(8));
    EXPECT_EQ(row.Int(9), 5);
    EXPECT_EQ(row.Int(10), 0);
    EXPECT_EQ(row.Text(9), "") << "a number is no text";
    // A column past the end is NULL, not an exception.
    EXPECT_TRUE(row.IsNull(42));
    EXPECT_EQ(row.Int(42), 0);
    EXPECT_FALSE(row.OptInt(42));
    EXPECT_EQ(row.Text(42), "");
}

TEST_F(SqliteDbTest, CloseFinishesQueuedCommandsThenRefusesNewOnes) {
    std::vector<std::future<bool>> acks;
    std::vector<std::promise<bool>> promises(50);
    for (int i = 0; i < 50; ++i) {
        acks.push_back(promises[i].get_future());
        db_->Submit({[i](Conn& c) {
                         return static_cast<bool>(
                             c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                                       "VALUES ('n', $1, 'p', 0, 1, 1)",
                                       {"q" + std::to_string(i) + "@x.co"}));
                     },
                     [&promises, i](Result<void> r) { promises[i].set_value(bool(r)); }});
    }
    db_->Close();
    for (auto& a : acks) EXPECT_TRUE(a.get());
    std::promise<ErrorCode> refused;
    db_->Submit({[](Conn&) { return true; },
                 [&](Result<void> r) { refused.set_value(r ? ErrorCode::kInternal : r.error().code); }});
    EXPECT_EQ(refused.get_future().get(), ErrorCode::kBusy);
    // Everything acknowledged is in the file.
    auto reopened = OpenSqlite(dir_.File("test.db"));
    ASSERT_TRUE(reopened);
    db_ = std::move(*reopened);
    EXPECT_EQ(Count("customers"), 50);
}

// Submits one job and waits for its commit.
void RunJob(Db& db, std::function<bool(Conn&)> run, bool announce) {
    std::promise<void> committed;
    db.Submit(WriteJob{std::move(run), [&](Result<void>) { committed.set_value(); }, {}, announce});
    committed.get_future().wait();
}

TEST_F(SqliteDbTest, TheChangeVersionMovesOnlyForChangesTheDeskShows) {
    const auto version = [&] { return db_->ChangeVersion().value(); };
    const auto v0 = version();
    EXPECT_EQ(version(), v0) << "nothing committed, nothing changed";

    // Bookkeeping (an audit line, a session) is written without disturbing cached pages or live screens.
    RunJob(
        *db_,
        [](Conn& c) {
            return c.Execute("INSERT INTO events (at, action, outcome) VALUES (1, 'x', 'refused')").has_value();
        },
        false);
    EXPECT_EQ(version(), v0);
    // A command that changed nothing (due work with nothing due) is no change either.
    RunJob(
        *db_, [](Conn& c) { return c.Query("SELECT 1").has_value(); }, true);
    EXPECT_EQ(version(), v0);
    // A refused command is undone: only its audit line stays, and that is bookkeeping.
    db_->Submit(WriteJob{
        [](Conn& c) {
            (void)c.Execute("INSERT INTO events (at, action, outcome) VALUES (1, 'y', 'done')");
            return false;
        },
        [](Result<void>) {},
        [](Conn& c) {
            return c.Execute("INSERT INTO events (at, action, outcome) VALUES (1, 'y', 'refused')").has_value();
        }});
    RunJob(
        *db_, [](Conn&) { return true; }, true);
    EXPECT_EQ(version(), v0);

    // A change the desk shows moves it, once.
    RunJob(
        *db_,
        [](Conn& c) {
            return c.Execute("INSERT INTO events (at, action, outcome) VALUES (1, 'z', 'done')").has_value();
        },
        true);
    const auto v1 = version();
    EXPECT_NE(v1, v0);
    EXPECT_EQ(version(), v1);

    // So does a change written into the file by another program, which the desk cannot see the meaning of.
    auto other = OpenSqlite(dir_.File("test.db"));
    ASSERT_TRUE(other);
    ASSERT_TRUE((*other)->WriteAndWait([](Conn& c) -> Result<void> {
        SD_CHECK(c.Execute("INSERT INTO events (at, action, outcome) VALUES (2, 'w', 'done')"));
        return {};
    }));
    EXPECT_NE(version(), v1);
}

TEST_F(SqliteDbTest, HealthSaysWritableAndTheFreeSpace) {
    const auto h = db_->Health();
    EXPECT_TRUE(h.writable);
    ASSERT_TRUE(h.free_bytes.has_value());
    EXPECT_GT(*h.free_bytes, 0);
    EXPECT_TRUE(db_->CheckWritable());
}

}  // namespace
}  // namespace shiftdesk::store
