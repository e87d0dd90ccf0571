// One table of routes (http/routes.cpp) and the dispatcher: parse the target, find the route (404/405), sign the
// caller in when the route needs it (401, CSRF), run the handler, and turn anything thrown into a 500.
// Thread-safe after construction.
#pragma once

#include <string_view>
#include <vector>

#include "http/exchange.hpp"

namespace shiftdesk::http {

enum class Access { kPublic, kSignedIn };

struct Route {
    bhttp::verb method;
    std::string_view pattern;  // "/api/v1/tickets/{id}/take": a {…} segment matches any one segment
    Access access;
    Handler handler;
    std::vector<std::string_view> query = {};  // the query parameters it reads; any other is refused (422)
};

// The desk's API: every route, in one place.
std::vector<Route> ApiRoutes(bool with_test_clock);

class Router {
 public:
    explicit Router(std::vector<Route> routes);
    // client_address: who the connection is from (http/client_address.hpp), for sign-in throttling. By reference,
    // like every coroutine's argument here (g++ 12 and by-value coroutine parameters: docs/architecture.md).
    boost::asio::awaitable<Response> Dispatch(Services& services, const Request& request,
                                              const std::string& client_address) const;

 private:
    struct Compiled {
        Route route;
        std::vector<std::string> segments;
    };
    std::vector<Compiled> routes_;
};

// Signs the caller in from "Authorization: Bearer …" or the session cookie; for a cookie session, a state-changing
// request must also carry the session's X-CSRF-Token and, when sent, a same-origin Origin header.
Result<void> SignIn(Services& services, Exchange& ex);

// For cookie sessions: the request came to the desk's public host (options.public_url) from its own origin; with no
// public URL, an Origin header, when sent, names the Host it was sent to. 403 naming the header otherwise.
Result<void> CheckPublicOrigin(const Services& services, const Request& req);

// The session cookie's name, and the cookie that gives the web UI its CSRF token.
inline constexpr std::string_view kSessionCookie = "sd_session";
inline constexpr std::string_view kCsrfCookie = "sd_csrf";

}  // namespace shiftdesk::http
