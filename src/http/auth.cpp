// Who is asking: bearer tokens for scripts, a session cookie plus CSRF token for the browser.
#include <boost/url/parse.hpp>

#include "common/crypto.hpp"
#include "http/router.hpp"

namespace shiftdesk::http {
namespace {

std::string_view CookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const std::size_t end = std::min(header.find(';'), header.size());
        std::string_view pair = header.substr(0, end);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
            return pair.substr(name.size() + 1);
        }
        header.remove_prefix(std::min(end + 1, header.size()));
    }
    return {};
}

bool ChangesState(bhttp::verb v) {
    return v != bhttp::verb::get && v != bhttp::verb::head && v != bhttp::verb::options;
}

Error Unauthenticated(std::string why) { return MakeError(ErrorCode::kUnauthenticated, std::move(why)); }

Error CsrfRefused(std::string field, std::string why) {
    Error e = MakeError(ErrorCode::kForbidden, std::move(why));
    e.field = std::move(field);
    return e;
}

// A cross-site page cannot forge the Origin header: when it is sent, it must name this host.
bool SameOrigin(const Request& req) {
    const auto origin = req[bhttp::field::origin];
    if (origin.empty()) return true;
    const auto url = boost::urls::parse_absolute_uri(origin);
    if (!url) return false;
    return url->encoded_host_and_port() == req[bhttp::field::host];
}

}  // namespace

Result<void> SignIn(Services& services, Exchange& ex) {
    const Request& req = ex.request;
    std::string_view secret;
    const auto authorization = req[bhttp::field::authorization];
    if (!authorization.empty()) {
        constexpr std::string_view kScheme = "bearer ";
        if (authorization.size() <= kScheme.size() ||
            !std::equal(kScheme.begin(), kScheme.end(), authorization.begin(),
                        [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); })) {
            return Unauthenticated("the Authorization header must be 'Bearer <token>'");
        }
        secret = authorization.substr(kScheme.size());
    } else {
        secret = CookieValue(req[bhttp::field::cookie], kSessionCookie);
        ex.via_cookie = !secret.empty();
    }
    if (secret.empty())
        return Unauthenticated("sign in first: send 'Authorization: Bearer <token>' or the session cookie");

    auto credential = services.desk.Authenticate(secret);
    if (!credential) return credential.error();
    if (ex.via_cookie && credential->token.kind != "session") return Unauthenticated("unknown session");

    if (ex.via_cookie && ChangesState(req.method())) {
        if (!SameOrigin(req)) return CsrfRefused("Origin", "cross-origin request refused");
        const auto sent = req["X-CSRF-Token"];
        if (sent.empty() || !ConstantTimeEquals(sent, credential->token.csrf_token)) {
            return CsrfRefused("X-CSRF-Token", "a cookie session must send its X-CSRF-Token header with every change");
        }
    }
    const auto& u = credential->user;
    ex.SetActor(domain::Actor{u.id, u.role, u.login, u.name});
    ex.credential = std::move(*credential);
    return {};
}

}  // namespace shiftdesk::http
