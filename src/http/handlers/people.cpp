#include "http/handlers/people.hpp"

#include "app/people.hpp"
#include "app/training.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

std::string Cookie(const Services& s, std::string_view name, std::string_view value, bool http_only, Millis max_age) {
    std::string c = std::string(name) + "=" + std::string(value) +
                    "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age / 1000);
    if (http_only) c += "; HttpOnly";
    if (s.options.secure_cookies) c += "; Secure";
    return c;
}

}  // namespace

Awaitable Login(Services& s, Exchange& ex) {
    // Signing in sets the session cookie: a page of another site must not sign a browser in (login CSRF).
    if (auto origin = CheckPublicOrigin(s, ex.request); !origin) co_return ErrorResponse(ex.request, origin.error());
    std::string login, password;
    auto parsed = [&]() -> Result<void> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        login = SD_TRY(f.String("login"));
        password = SD_TRY(f.String("password"));
        return f.NoOthers();
    }();
    if (!parsed) co_return ErrorResponse(ex.request, parsed.error());
    // Throttling is decided here, on the I/O thread: a throttled attempt is answered at once (429) and costs no
    // argon2id and no place in the CPU pool's queue.
    auto attempt = s.people.BeginLogin(login, ex.client_address);
    if (!attempt) co_return ErrorResponse(ex.request, attempt.error());
    // Checking the password is deliberately slow: it runs on the CPU pool, never on an I/O thread.
    auto session = co_await Await<app::Session>([&](app::Done<app::Session> done) {
        boost::asio::post(s.cpu, [&s, attempt = std::move(*attempt), password, done]() mutable {
            s.people.Login(std::move(attempt), password, done);
        });
    });
    if (!session) co_return ErrorResponse(ex.request, session.error());
    const Millis max_age = session->expires_at - s.clock.Now();
    Response res = JsonResponse(ex.request, bhttp::status::ok,
                                json::object{{"token", session->token},
                                             {"csrf_token", session->csrf_token},
                                             {"expires_at", TimeJson(session->expires_at)},
                                             {"user", UserJson(session->user, s.clock.Now())}});
    res.insert(bhttp::field::set_cookie, Cookie(s, kSessionCookie, session->token, true, max_age));
    res.insert(bhttp::field::set_cookie, Cookie(s, kCsrfCookie, session->csrf_token, false, max_age));
    co_return res;
}

Awaitable Logout(Services& s, Exchange& ex) {
    if (ex.credential->token.kind != "session") {
        co_return ErrorResponse(ex.request, MakeError(ErrorCode::kConflict,
                                                      "this is an API token, not a session: it stays valid until it "
                                                      "expires; only sessions sign out"));
    }
    auto revoked = co_await Await<bool>([&](app::Done<bool> done) { s.people.Logout(*ex.credential, done); });
    if (!revoked) co_return ErrorResponse(ex.request, revoked.error());
    Response res = JsonResponse(ex.request, bhttp::status::ok, json::object{{"signed_out", *revoked}});
    res.insert(bhttp::field::set_cookie, Cookie(s, kSessionCookie, "", true, 0));
    res.insert(bhttp::field::set_cookie, Cookie(s, kCsrfCookie, "", false, 0));
    co_return res;
}

Awaitable Me(Services& s, Exchange& ex) {
    // Read afresh: the signed-in credential may be a few seconds old, and queue state changes.
    auto user = s.people.GetUser(ex.actor(), ex.actor().id);
    if (!user) co_return ErrorResponse(ex.request, user.error());
    json::object me = UserJson(*user, s.clock.Now());
    me["auth"] = ex.via_cookie ? "session" : (ex.credential->token.kind == "api" ? "api_token" : "session_token");
    me["token_expires_at"] = OptTimeJson(ex.credential->token.expires_at);
    co_return JsonResponse(ex.request, bhttp::status::ok, me);
}

Awaitable ListUsers(Services& s, Exchange& ex) {
    co_return co_await Answer(s, ex, s.people.ListUsers(ex.actor()), bhttp::status::ok,
                              [now = s.clock.Now()](const std::vector<domain::User>& users) {
                                  json::array items;
                                  for (const auto& u : users) items.push_back(UserJson(u, now));
                                  return json::object{{"users", std::move(items)}};
                              });
}

Awaitable GetUser(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "user");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.people.GetUser(ex.actor(), *id), bhttp::status::ok,
                              [now = s.clock.Now()](const domain::User& u) { return json::value(UserJson(u, now)); });
}

// R13: {"extension": "1001"} gives the user a desk phone; {"extension": null} takes it away.
Awaitable SetDeskPhone(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "user");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto extension = [&]() -> Result<std::optional<std::string>> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        if (!body.contains("extension")) return Invalid("extension", "extension is required (null: no desk phone)");
        Fields f(body);
        auto e = SD_TRY(f.OptString("extension"));
        SD_CHECK(f.NoOthers());
        return e;
    }();
    if (!extension) co_return ErrorResponse(ex.request, extension.error());
    auto user = co_await Await<domain::User>(
        [&](app::Done<domain::User> done) { s.people.SetDeskPhone(ex.actor(), *id, std::move(*extension), done); });
    if (!user) co_return ErrorResponse(ex.request, user.error());
    co_return JsonResponse(ex.request, bhttp::status::ok, UserJson(*user, s.clock.Now()));
}

// The team board (leads): everyone who works tickets, on queue or off until when, on leave, and their load.
Awaitable TeamBoard(Services& s, Exchange& ex) {
    co_return co_await Answer(s, ex, s.training.TeamLoadNow(ex.actor()), bhttp::status::ok,
                              [now = s.clock.Now()](const std::vector<app::TeamLoad>& team) {
                                  json::array members;
                                  for (const auto& m : team) members.push_back(TeamMemberJson(m, now));
                                  return json::object{{"team", std::move(members)}};
                              });
}

}  // namespace shiftdesk::http
