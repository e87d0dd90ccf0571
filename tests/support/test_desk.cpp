#include "support/test_desk.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace shiftdesk::test {

namespace {

namespace fs = std::filesystem;

// The seven people every test desk starts with (role order as in TestDesk's members).
constexpr std::array<std::pair<const char*, const char*>, 7> kTeam = {{{"mubeen", "shift_lead"},
                                                                       {"lena", "shift_lead"},
                                                                       {"asha", "engineer"},
                                                                       {"bruno", "engineer"},
                                                                       {"chen", "engineer"},
                                                                       {"sofia", "success"},
                                                                       {"root", "admin"}}};
// A template older than this is made again, so tokens and sign-up times stay as fresh as a new desk's.
constexpr auto kTemplateMaxAge = std::chrono::hours(6);

struct DeskTemplate {
    std::string db_file;
    std::array<Person, kTeam.size()> team;
};

// What the template was made by: the server binary's size and modification time. Another binary (a rebuild, the
// sanitizer build) gets another template.
std::string BinaryStamp() {
    const fs::path binary = SHIFTDESK_BINARY;
    return std::to_string(fs::file_size(binary)) + " " +
           std::to_string(fs::last_write_time(binary).time_since_epoch().count());
}

std::string ReadAll(const fs::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteAll(const fs::path& file, const std::string& text) {
    const fs::path partial = file.string() + ".partial";
    std::ofstream(partial) << text;
    fs::rename(partial, file);  // whole or not at all, for the process that reads it next
}

std::optional<DeskTemplate> LoadTemplate(const fs::path& dir) {
    const fs::path db = dir / "desk.db";
    if (!fs::exists(db) || ReadAll(dir / "stamp") != BinaryStamp()) return std::nullopt;
    if (fs::file_time_type::clock::now() - fs::last_write_time(db) > kTemplateMaxAge) return std::nullopt;
    DeskTemplate t{db.string(), {}};
    std::istringstream people(ReadAll(dir / "people"));
    for (Person& p : t.team) {
        if (!(people >> p.id >> p.login >> p.token)) return std::nullopt;
    }
    return t;
}

// The team added through the CLI (`user add`, `token create`) once per server binary, kept beside it and shared by
// every test process (a file lock makes the others wait for the first): a desk is then a file copy, not fourteen
// CLI runs and seven argon2id hashes.
const DeskTemplate& Template() {
    static const DeskTemplate made = [] {
        const fs::path dir = fs::path(SHIFTDESK_BINARY).parent_path() / "test-desk-template";
        fs::create_directories(dir);
        const int lock = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + dir.string());
        std::optional<DeskTemplate> t = LoadTemplate(dir);
        if (!t) {
            TempDir work;
            const std::string db = work.File("desk.db");
            std::string people;
            for (const auto& [login, role] : kTeam) {
                const Person p = AddPersonThroughCli(db, login, role);
                people += std::to_string(p.id) + " " + p.login + " " + p.token + "\n";
            }
            fs::remove(dir / "stamp");
            const fs::path partial = dir / "desk.db.partial";
            fs::remove(partial);
            DbExec(db, "VACUUM INTO '" + partial.string() + "'");
            fs::rename(partial, dir / "desk.db");  // a process still copying the old one keeps reading it whole
            WriteAll(dir / "people", people);
            WriteAll(dir / "stamp", BinaryStamp());
            t = LoadTemplate(dir);
        }
        ::close(lock);  // releases the lock
        if (!t) throw std::runtime_error("the test desk template in " + dir.string() + " could not be made");
        return *t;
    }();
    return made;
}

}  // namespace

Person AddPersonThroughCli(const std::string& db_path, const std::string& login, const std::string& role) {
    auto added = RunCli({"user", "add", "--db", db_path, "--login", login, "--name", "Test " + login, "--email",
                         login + "@desk.test", "--role", role},
                        std::string(kPassword) + "\n");
    if (added.exit_code != 0) throw std::runtime_error("user add failed: " + added.err);
    const auto id_at = added.out.rfind("id ");
    auto token = RunCli({"token", "create", "--db", db_path, "--login", login});
    if (token.exit_code != 0) throw std::runtime_error("token create failed: " + token.err);
    while (!token.out.empty() && (token.out.back() == '\n' || token.out.back() == '\r')) token.out.pop_back();
    return Person{std::stoll(added.out.substr(id_at + 3)), login, token.out};
}

TestDesk::TestDesk(std::vector<std::string> server_args, std::vector<std::string> server_env,
                   std::vector<std::string> wrapper)
    : dir_(std::make_unique<TempDir>()) {
    db_path_ = dir_->File("desk.db");
    const DeskTemplate& made = Template();
    fs::copy_file(made.db_file, db_path_);
    lead = made.team[0];
    lead2 = made.team[1];
    asha = made.team[2];
    bruno = made.team[3];
    chen = made.team[4];
    success = made.team[5];
    admin = made.team[6];
    server_ = std::make_unique<ServerProcess>(db_path_, std::move(server_args), std::move(server_env),
                                              std::move(wrapper));
}

Person TestDesk::AddPerson(const std::string& login, const std::string& role) {
    return AddPersonThroughCli(db_path_, login, role);
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
