// A running desk for API tests: a temporary database with a team (made through the CLI, see TestDesk), the server
// on a free port, and API tokens for everyone. Not thread-safe; many test processes may make desks at once.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::test {

struct Person {
    std::int64_t id = 0;
    std::string login;
    std::string token;
};

inline constexpr const char* kPassword = "correct horse battery";

// Adds a user through `shiftdesk user add` and gives them an API token through `shiftdesk token create`.
Person AddPersonThroughCli(const std::string& db_path, const std::string& login, const std::string& role);

// The team (two leads, three engineers, a success manager, an admin, each with an API token) comes from a
// template database made once per server binary and copied, so a desk costs a file copy and a server start.
class TestDesk {
 public:
    // wrapper: see ServerProcess (a command the server runs under, with other limits or mounts).
    explicit TestDesk(std::vector<std::string> server_args = {}, std::vector<std::string> server_env = {},
                      std::vector<std::string> wrapper = {});

    HttpClient client() const { return HttpClient(server_->port()); }
    ServerProcess& server() { return *server_; }
    const std::string& db_path() const { return db_path_; }

    // AddPersonThroughCli on this desk's database.
    Person AddPerson(const std::string& login, const std::string& role);

    // POST /api/v1/tickets as `who`; returns the created ticket (fails the test otherwise).
    boost::json::object NewTicket(const Person& who, const std::string& subject = "Printer on fire",
                                  const std::string& customer_email = "jo@acme.example");
    // A ticket taken by its engineer: status open, owned by `owner`.
    boost::json::object OwnedTicket(const Person& owner, const std::string& subject = "Owned ticket");

    Person lead, lead2, asha, bruno, chen, success, admin;

 private:
    std::unique_ptr<TempDir> dir_;
    std::string db_path_;
    std::unique_ptr<ServerProcess> server_;
};

// A number read straight from the database file (read-only), e.g. "SELECT COUNT(*) FROM events": lets a test
// prove that a refused request wrote nothing.
std::int64_t DbNumber(const std::string& db_path, const std::string& sql);

// Runs one statement on the database file from outside the server, as another process would.
void DbExec(const std::string& db_path, const std::string& sql);

// POST /api/v1/test/clock (a server started with --test-clock): moves the desk's time on and runs what fell due.
// Returns the desk's time afterwards, in unix seconds.
std::int64_t AdvanceClock(const HttpClient& http, std::int64_t seconds);
// A unix time as RFC 3339 UTC ("2026-11-24T09:00:00Z"), and its UTC calendar day n days on ("2026-11-25").
std::string Rfc3339(std::int64_t unix_seconds);
std::string UtcDay(std::int64_t unix_seconds, int days_on = 0);

// "/api/v1/tickets/7" + suffix
std::string TicketPath(const boost::json::object& ticket, const std::string& suffix = "");
std::int64_t Id(const boost::json::value& v);

}  // namespace shiftdesk::test
