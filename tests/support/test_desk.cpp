#include "support/test_desk.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <ctime>
#include <stdexcept>

namespace shiftdesk::test {

TestDesk::TestDesk(std::vector<std::string> server_args, std::vector<std::string> server_env,
                   std::vector<std::string> wrapper)
    : dir_(std::make_unique<TempDir>()) {
    db_path_ = dir_->File("desk.db");
    lead = AddPerson("mubeen", "shift_lead");
    lead2 = AddPerson("lena", "shift_lead");
    asha = AddPerson("asha", "engineer");
    bruno = AddPerson("bruno", "engineer");
    chen = AddPerson("chen", "engineer");
    success = AddPerson("sofia", "success");
    admin = AddPerson("root", "admin");
    server_ = std::make_unique<ServerProcess>(db_path_, std::move(server_args), std::move(server_env),
                                              std::move(wrapper));
}

Person TestDesk::AddPerson(const std::string& login, const std::string& role) {
    auto added = RunCli({"user", "add", "--db", db_path_, "--login", login, "--name", "Test " + login, "--email",
                         login + "@desk.test", "--role", role},
                        std::string(kPassword) + "\n");
    if (added.exit_code != 0) throw std::runtime_error("user add failed: " + added.err);
    const auto id_at = added.out.rfind("id ");
    auto token = RunCli({"token", "create", "--db", db_path_, "--login", login});
    if (token.exit_code != 0) throw std::runtime_error("token create failed: " + token.err);
    while (!token.out.empty() && (token.out.back() == '\n' || token.out.back() == '\r')) token.out.pop_back();
    return Person{std::stoll(added.out.substr(id_at + 3)), login, token.out};
}

boost::json::object TestDesk::NewTicket(const Person& who, const std::string& subject,
                                        const std::string& customer_email) {
    auto res = client().Post(
        "/api/v1/tickets", who.token,
        {{"subject", subject},
         {"description", "It started this morning."},
         {"priority", "normal"},
         {"channel", "email"},
         {"customer", {{"name", "Jo Park"}, {"email", customer_email}, {"plan", "enterprise"}, {"critical", false}}}});
    EXPECT_EQ(res.status, 201) << res.body;
    if (res.status != 201) throw std::runtime_error("ticket creation failed: " + res.body);
    return res.json().as_object();
}

boost::json::object TestDesk::OwnedTicket(const Person& owner, const std::string& subject) {
    auto t = NewTicket(owner, subject);
    auto res = client().Post(TicketPath(t, "/take"), owner.token, boost::json::object{});
    if (res.status != 200) throw std::runtime_error("take failed: " + res.body);
    return res.json().as_object();
}

std::int64_t DbNumber(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + db_path);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    std::int64_t value = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

void DbExec(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("DbExec: " + message);
}

std::string TicketPath(const boost::json::object& ticket, const std::string& suffix) {
    return "/api/v1/tickets/" + std::to_string(ticket.at("id").as_int64()) + suffix;
}

std::int64_t Id(const boost::json::value& v) { return v.as_object().at("id").as_int64(); }

std::int64_t AdvanceClock(const HttpClient& http, std::int64_t seconds) {
    auto moved = http.Post("/api/v1/test/clock", "", {{"advance_seconds", seconds}});
    EXPECT_EQ(moved.status, 200) << moved.body;
    if (moved.status != 200) throw std::runtime_error("the test clock did not move: " + moved.body);
    std::tm tm{};
    strptime(std::string(moved.json().at("now").as_string()).c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    return timegm(&tm);
}

namespace {
std::string FormatUtc(std::int64_t unix_seconds, const char* format) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[32];
    std::strftime(out, sizeof out, format, &tm);
    return out;
}
}  // namespace

std::string Rfc3339(std::int64_t unix_seconds) { return FormatUtc(unix_seconds, "%Y-%m-%dT%H:%M:%SZ"); }

std::string UtcDay(std::int64_t unix_seconds, int days_on) {
    return FormatUtc(unix_seconds + std::int64_t{days_on} * 24 * 3600, "%Y-%m-%d");
}

}  // namespace shiftdesk::test
