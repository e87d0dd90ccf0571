// The queue and the bins are read from their indexes, in order, a page at a time: their query plans are checked
// here, on a desk whose queue is long, with and without ANALYZE's statistics, so a plan that scans or sorts fails.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/db.hpp"
#include "store/migrations.hpp"
#include "store/tickets.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::store {
namespace {

constexpr int kEngineers = 20;
constexpr int kCustomers = 200;
constexpr int kQueued = 3000;  // new and unowned: far more than any engineer's bin, as on a desk behind on its queue
constexpr int kOwned = 2000;

class TicketListsTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto opened = OpenSqlite(dir_.File("lists.db"));
        ASSERT_TRUE(opened) << opened.error().message;
        db_ = std::move(*opened);
        ASSERT_TRUE(Migrate(*db_, 1));
        auto seeded = db_->WriteAndWait([](Conn& c) -> Result<void> {
            for (int i = 1; i <= kEngineers; ++i) {
                SD_CHECK(
                    c.Execute("INSERT INTO users (login, name, email, role, password_hash, active, created_at) "
                              "VALUES ($1, $1, $2, 'engineer', 'x', 1, 0)",
                              {"eng" + std::to_string(i), "eng" + std::to_string(i) + "@desk.example"}));
            }
            for (int i = 1; i <= kCustomers; ++i) {
                SD_CHECK(
                    c.Execute("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) "
                              "VALUES ($1, $2, 'standard', 0, 0, 0)",
                              {"c" + std::to_string(i), "c" + std::to_string(i) + "@acme.example"}));
            }
            // Queued and owned tickets interleave, as they do when tickets arrive and are taken over the day.
            for (int i = 0; i < kQueued + kOwned; ++i) {
                const bool queued = i % 5 < 3;
                SD_CHECK(c.Execute(
                    "INSERT INTO tickets (subject, description, status, priority, channel, customer_id, owner_id, "
                    "due_at, created_at, updated_at) VALUES ('s', '', $1, 'normal', 'web', $2, $3, $4, $5, $5)",
                    {std::string(queued ? "new" : "open"), std::int64_t{i % kCustomers + 1},
                     queued ? Value{nullptr} : Value{std::int64_t{i % kEngineers + 1}}, std::int64_t{1000 + i % 97},
                     std::int64_t{i}}));
            }
            return {};
        });
        ASSERT_TRUE(seeded) << seeded.error().message;
    }

    // Every line of EXPLAIN QUERY PLAN for the statement ListTickets runs.
    std::vector<std::string> Plan(const TicketQuery& q) {
        const SqlStatement statement = ListTicketsStatement(q);
        std::vector<std::string> lines;
        EXPECT_TRUE(db_->Read([&](Conn& c) -> Result<void> {
            for (const Row& r : SD_TRY(c.Query("EXPLAIN QUERY PLAN " + statement.sql, statement.params))) {
                lines.push_back(r.Text(3));
            }
            return {};
        }));
        return lines;
    }

    void Analyze() {
        ASSERT_TRUE(db_->WriteAndWait([](Conn& c) -> Result<void> { return c.ExecScript("ANALYZE"); }));
    }

    // The list is read through `index` alone (no visit to the table's rows), in its order: nothing else scans
    // the tickets and nothing is sorted, so a page costs its rows whatever the size of the desk.
    static void ExpectReadInOrderFrom(const std::vector<std::string>& plan, const std::string& index) {
        std::string all;
        for (const auto& line : plan) all += line + "\n";
        EXPECT_NE(all.find("SEARCH t USING COVERING INDEX " + index + " "), std::string::npos) << all;
        EXPECT_EQ(all.find("SCAN t"), std::string::npos) << all;
        EXPECT_EQ(all.find("TEMP B-TREE"), std::string::npos) << all;
        // The customer of each row on the page is one primary-key lookup.
        EXPECT_NE(all.find("SEARCH c USING INTEGER PRIMARY KEY"), std::string::npos) << all;
    }

    static TicketQuery Queue(std::optional<TicketCursor> after = std::nullopt) {
        TicketQuery q;
        q.unowned_only = true;
        q.limit = 51;
        q.after = after;
        return q;
    }

    static TicketQuery Bin(std::optional<TicketCursor> after = std::nullopt) {
        TicketQuery q;
        q.owner_id = 3;
        q.statuses = {domain::TicketStatus::kOpen};
        q.limit = 51;
        q.after = after;
        return q;
    }

    test::TempDir dir_;
    std::unique_ptr<Db> db_;
};

TEST_F(TicketListsTest, TheQueueIsReadInOrderFromItsIndexWithoutStatistics) {
    ExpectReadInOrderFrom(Plan(Queue()), "tickets_queue");
    ExpectReadInOrderFrom(Plan(Queue(TicketCursor{.due_key = 0, .id = 2500})), "tickets_queue");
}

TEST_F(TicketListsTest, TheQueueIsReadInOrderFromItsIndexAfterAnalyze) {
    Analyze();
    ExpectReadInOrderFrom(Plan(Queue()), "tickets_queue");
    ExpectReadInOrderFrom(Plan(Queue(TicketCursor{.due_key = 0, .id = 2500})), "tickets_queue");
}

TEST_F(TicketListsTest, TheBinIsReadInOrderFromItsIndex) {
    ExpectReadInOrderFrom(Plan(Bin()), "tickets_bin");
    Analyze();
    ExpectReadInOrderFrom(Plan(Bin()), "tickets_bin");
    ExpectReadInOrderFrom(Plan(Bin(TicketCursor{.due_key = 1050, .id = 400})), "tickets_bin");
}

TEST_F(TicketListsTest, TheQueueHoldsTheNewUnownedTicketsOldestFirstPageByPage) {
    std::vector<domain::TicketId> seen;
    std::optional<TicketCursor> after;
    for (int page = 0; page < 100; ++page) {
        TicketQuery q = Queue(after);
        q.limit = 1000;
        std::vector<domain::Ticket> rows;
        ASSERT_TRUE(db_->Read([&](Conn& c) -> Result<void> {
            rows = SD_TRY(ListTickets(c, q));
            return {};
        }));
        for (const auto& t : rows) {
            EXPECT_EQ(t.status, domain::TicketStatus::kNew);
            EXPECT_FALSE(t.owner_id);
            EXPECT_EQ(t.customer.id, t.created_at % kCustomers + 1) << "the row's own customer";
            seen.push_back(t.id);
        }
        if (rows.size() < 1000) break;
        after = TicketCursor{.due_key = 0, .id = rows.back().id};
    }
    EXPECT_EQ(seen.size(), std::size_t{kQueued});
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end()) << "no ticket twice";
}

}  // namespace
}  // namespace shiftdesk::store
