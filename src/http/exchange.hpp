// One request being answered: what handlers read (body, path and query parameters, who is asking) and the
// response helpers they write with. Thread-compatible: one coroutine owns an Exchange.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/entities.hpp"
#include "http/json_text.hpp"
#include "http/response_cache.hpp"
#include "policy/settings.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
class Calendar;
class Calls;
class CommandRunner;
class DueWork;
class Handoff;
class Leaves;
class Notifications;
class People;
class RefusalAudit;
class Requests;
class Sla;
class Tickets;
class Training;
}  // namespace shiftdesk::app

namespace shiftdesk::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

struct ServerOptions {
    std::string listen = "127.0.0.1:8080";
    int io_threads = 0;              // 0: one per core
    std::size_t max_body = 1 << 20;  // larger bodies get 413
    // Connections open at once; one more is answered 503 and closed. Kept below the process's file limit so the
    // desk always has descriptors left for its database, mail and phone system.
    std::size_t max_connections = 1000;
    int idle_timeout_seconds = 60;  // a connection that sends nothing for this long is closed
    bool access_log = true;
    bool secure_cookies = false;  // set when served over HTTPS (behind a proxy)
    // The desk's origin as people open it ("https://desk.example.org"). When set, cookie sessions are taken only
    // for this host and from this origin (a request under another name — DNS rebinding, a stray proxy — is
    // refused). Empty: the Origin, when sent, must name the Host it was sent to.
    std::string public_url;
    std::string static_dir;       // the built web UI, served at /
};

// What every handler may use. test_clock is set only when the server runs with --test-clock.
// The use cases come as feature modules (app/modules.hpp builds them); a handler includes the header of each one it
// uses, so it compiles against the features it serves and no others.
struct Services {
    app::CommandRunner& runner;  // the storage's change version and health; the test hook
    app::RefusalAudit& audit;    // refusals found by reads
    app::People& people;
    app::Tickets& tickets;
    app::Requests& requests;
    app::Sla& sla;
    app::Notifications& notifications;
    app::Calls& calls;
    app::Calendar& calendar;
    app::Training& training;
    app::Leaves& leaves;
    app::Handoff& handoff;
    app::DueWork& due_work;  // run at once when the test clock moves
    const Clock& clock;
    const policy::Settings& settings;
    boost::asio::thread_pool& cpu;  // argon2id and other slow CPU work, off the I/O threads
    ServerOptions options;
    ManualClock* test_clock = nullptr;
    ResponseCache* cache = nullptr;  // null: every list is read from the database
    std::string instance;            // random per server start: entity tags never outlive the process that made them
};

struct Exchange {
    explicit Exchange(const Request& r) : request(r) {}

    const Request& request;
    std::vector<std::string> path_params;                    // the {…} segments of the route, in order
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    std::optional<store::Credential> credential;             // set for routes that need a signed-in user
    bool via_cookie = false;
    std::string client_address;  // the peer's (http/client_address.hpp); behind a proxy, the proxy's

    const domain::Actor& actor() const { return actor_; }
    void SetActor(domain::Actor a) { actor_ = std::move(a); }

 private:
    domain::Actor actor_;
};

using Handler = boost::asio::awaitable<Response> (*)(Services&, Exchange&);

Response JsonResponse(const Request& req, bhttp::status status, const boost::json::value& body);
Response JsonResponse(const Request& req, bhttp::status status, JsonText body);
Response ErrorResponse(const Request& req, const Error& error);

// Path parameter i as a positive id, or a 404 naming what was looked for.
Result<std::int64_t> IdParam(const Exchange& ex, std::size_t i, std::string_view what);

}  // namespace shiftdesk::http
