// Who is asking: bearer tokens for scripts, a session cookie plus CSRF token for the browser.
#include <boost/url/parse.hpp>

#include "app/people.hpp"
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

std::string_view DefaultPort(std::string_view scheme) { return scheme == "https" ? "443" : "80"; }

// "Desk.Example.org:443" under https -> "desk.example.org:443": host in lower case, the port always written.
std::optional<std::string> NormalAuthority(std::string_view authority, std::string_view scheme) {
    const auto parsed = boost::urls::parse_authority(authority);
    if (!parsed || parsed->has_userinfo() || parsed->encoded_host().empty()) return std::nullopt;
    std::string host(parsed->encoded_host());
    for (char& ch : host) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    const std::string port = parsed->has_port() ? std::string(parsed->port()) : std::string(DefaultPort(scheme));
    return host + ":" + port;
}

}  // namespace

Result<void> CheckPublicOrigin(const Services& services, const Request& req) {
    const std::string& public_url = services.options.public_url;
    if (public_url.empty()) {
        if (!SameOrigin(req)) return CsrfRefused("Origin", "cross-origin request refused");
        return {};
    }
    const auto desk = boost::urls::parse_absolute_uri(public_url);
    if (!desk) return Internal("the desk's public URL does not parse");
    const std::string scheme(desk->scheme());
    const auto expected = NormalAuthority(desk->encoded_authority(), scheme);
    const auto host = NormalAuthority(req[bhttp::field::host], scheme);
    if (!host || host != expected) {
        return CsrfRefused("Host", "this desk is served at " + public_url + "; sign in there");
    }
    const auto origin = req[bhttp::field::origin];
    if (origin.empty()) return {};
    const auto from = boost::urls::parse_absolute_uri(origin);
    if (!from || from->scheme() != scheme || NormalAuthority(from->encoded_authority(), scheme) != expected) {
        return CsrfRefused("Origin", "cross-origin request refused: this desk is served at " + public_url);
    }
    return {};
}

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

    auto credential = services.people.Authenticate(secret);
    if (!credential) return credential.error();
    if (ex.via_cookie && credential->token.kind != "session") return Unauthenticated("unknown session");

    // A cookie arrives with every request the browser makes to this host, whoever's page made it: the host and the
    // origin must be the desk's own.
    if (ex.via_cookie) SD_CHECK(CheckPublicOrigin(services, req));
    if (ex.via_cookie && ChangesState(req.method())) {
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
