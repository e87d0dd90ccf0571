// No acknowledged write is lost: not to a kill -9 in the middle of a load, not to a graceful stop.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

TEST(Durability, AKilledServerLosesNoAcknowledgedWrite) {
    TestDesk desk;
    std::mutex mu;
    std::vector<std::int64_t> acknowledged;
    std::atomic<bool> server_gone{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&, c] {
            const HttpClient http = desk.client();
            for (int i = 0; !server_gone; ++i) {
                auto res = http.Post("/api/v1/tickets", desk.asha.token,
                                     {{"subject", "Load " + std::to_string(c) + "-" + std::to_string(i)},
                                      {"customer", {{"name", "Jo"}, {"email", "jo@acme.example"}}}});
                if (res.status == 201) {
                    std::lock_guard lock(mu);
                    acknowledged.push_back(Id(res.json()));
                } else if (res.status == 0) {
                    break;  // the server is gone
                }
            }
        });
    }
    // Kill while writes are in flight: once a few hundred were acknowledged, more are surely queued.
    for (;;) {
        {
            std::lock_guard lock(mu);
            if (acknowledged.size() >= 300) break;
        }
        std::this_thread::yield();
    }
    desk.server().Kill();
    server_gone = true;
    for (auto& t : clients) t.join();

    desk.server().Restart();
    const auto stored = DbNumber(desk.db_path(), "SELECT COUNT(*) FROM tickets");
    EXPECT_GE(stored, static_cast<std::int64_t>(acknowledged.size()));
    for (auto id : acknowledged) {
        auto res = desk.client().Get("/api/v1/tickets/" + std::to_string(id), desk.lead.token);
        ASSERT_EQ(res.status, 200) << "acknowledged ticket " << id << " was lost";
    }
    // Every stored ticket is whole: its creation event and its customer came with it.
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'ticket.created'"), stored);
    EXPECT_EQ(DbNumber(desk.db_path(),
                       "SELECT COUNT(*) FROM tickets t LEFT JOIN customers c ON c.id = "
                       "t.customer_id WHERE c.id IS NULL"),
              0);
}

TEST(Durability, AGracefulStopExitsCleanlyAndARestartServesTheSameDesk) {
    TestDesk desk;
    auto t = desk.OwnedTicket(desk.asha, "Survives a restart");
    const std::string bin = "/api/v1/tickets?owner=me&status=open";
    const std::string tag = desk.client().Get(bin, desk.asha.token).header("etag");
    EXPECT_EQ(desk.server().Stop(), 0);
    desk.server().Restart();
    auto res = desk.client().Get(TicketPath(t), desk.asha.token);
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.json().at("owner_id").as_int64(), desk.asha.id);
    EXPECT_EQ(res.json().at("status").as_string(), "open");
    // A tag from before the restart is not trusted by the new process: the client gets the page again.
    auto after = desk.client().Send("GET", bin, "", {{"Authorization", "Bearer " + desk.asha.token}, {"If-None-Match", tag}});
    EXPECT_EQ(after.status, 200);
}

TEST(Cli, DemoSeedsAnEmptyDatabaseOnceAndPrintsTheLogins) {
    TempDir dir;
    const std::string db = dir.File("var/demo.db");
    auto first = RunCli({"demo", "--db", db});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("mubeen"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("shift_lead"), std::string::npos);
    EXPECT_NE(first.out.find("password"), std::string::npos);
    const auto tickets = DbNumber(db, "SELECT COUNT(*) FROM tickets");
    EXPECT_GT(tickets, 0);
    EXPECT_EQ(DbNumber(db, "SELECT COUNT(*) FROM tickets WHERE status NOT IN ('new', 'closed') AND owner_id IS NULL"),
              0)
        << "R1 holds in the demo data too";

    auto second = RunCli({"demo", "--db", db});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("mubeen"), std::string::npos) << "the logins are printed again";
    EXPECT_EQ(DbNumber(db, "SELECT COUNT(*) FROM tickets"), tickets) << "nothing is seeded twice";

    // The demo lead signs in with the printed password.
    ServerProcess server(db);
    auto login = HttpClient(server.port())
                     .Post("/api/v1/session", "", json::object{{"login", "mubeen"}, {"password", "shiftdesk-demo"}});
    EXPECT_EQ(login.status, 200) << login.body;
}

TEST(Cli, MigrateCreatesTheSchemaAndServeNeedsADatabase) {
    TempDir dir;
    const std::string db = dir.File("m.db");
    auto migrated = RunCli({"migrate", "--db", db});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
    // Versions need not be consecutive: count the migration files rather than trust the highest version.
    std::int64_t files = 0;
    for (const auto& f :
         std::filesystem::directory_iterator(std::string(SHIFTDESK_SOURCE_DIR) + "/src/store/migrations")) {
        if (f.path().extension() == ".sql") ++files;
    }
    EXPECT_GE(files, 1);
    EXPECT_EQ(DbNumber(db, "SELECT COUNT(*) FROM schema_migrations"), files) << "every migration ran";
    auto no_db = RunCli({"migrate"}, "", {"SHIFTDESK_DB="});
    EXPECT_NE(no_db.exit_code, 0);
    EXPECT_NE(no_db.err.find("--db"), std::string::npos);
    auto env = RunCli({"migrate"}, "", {"SHIFTDESK_DB=" + dir.File("env.db")});
    EXPECT_EQ(env.exit_code, 0) << env.err;
}

}  // namespace
}  // namespace shiftdesk::test
