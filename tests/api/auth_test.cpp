// Signing in and out over HTTP: sessions, bearer API tokens, CSRF for cookie sessions, expiry, the CLI's people.
#include <gtest/gtest.h>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

class AuthApi : public ::testing::Test {
 protected:
    static void SetUpTestSuite() { desk_ = new TestDesk({"--test-clock"}); }
    static void TearDownTestSuite() {
        delete desk_;
        desk_ = nullptr;
    }
    static HttpResponse Login(const std::string& login, const std::string& password) {
        return desk_->client().Post("/api/v1/session", "", json::object{{"login", login}, {"password", password}});
    }
    static std::string CookieValue(const HttpResponse& res, const std::string& name) {
        for (auto [it, end] = res.headers.equal_range("set-cookie"); it != end; ++it) {
            if (it->second.starts_with(name + "=")) {
                return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
            }
        }
        return "";
    }
    static std::string CookieAttributes(const HttpResponse& res, const std::string& name) {
        for (auto [it, end] = res.headers.equal_range("set-cookie"); it != end; ++it) {
            if (it->second.starts_with(name + "=")) return it->second;
        }
        return "";
    }
    static TestDesk* desk_;
};
TestDesk* AuthApi::desk_ = nullptr;

TEST_F(AuthApi, LoginGivesATokenTheUserAndASessionCookie) {
    auto res = Login("asha", kPassword);
    ASSERT_EQ(res.status, 200) << res.body;
    const auto body = res.json().as_object();
    EXPECT_TRUE(body.at("token").as_string().starts_with("sds_"));
    EXPECT_FALSE(body.at("csrf_token").as_string().empty());
    EXPECT_EQ(body.at("user").at("login").as_string(), "asha");
    EXPECT_EQ(body.at("user").at("role").as_string(), "engineer");
    EXPECT_EQ(body.at("user").at("id").as_int64(), desk_->asha.id);
    EXPECT_EQ(body.at("user").at("email").as_string(), "asha@desk.test");
    const auto cookie = CookieAttributes(res, "sd_session");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_EQ(CookieValue(res, "sd_session"), std::string(body.at("token").as_string()));

    auto me = desk_->client().Get("/api/v1/me", std::string(body.at("token").as_string()));
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json().at("login").as_string(), "asha");
    EXPECT_EQ(me.json().as_object().count("password_hash"), 0u);
}

TEST_F(AuthApi, AWrongPasswordAndAnUnknownLoginAreRefusedAlike) {
    auto wrong = Login("asha", "not the password");
    auto unknown = Login("nobody", kPassword);
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.json().at("error").at("message"), unknown.json().at("error").at("message"));
    EXPECT_EQ(wrong.error_code(), "unauthenticated");
}

TEST_F(AuthApi, LoginNamesAMissingField) {
    auto res = desk_->client().Post("/api/v1/session", "", json::object{{"login", "asha"}});
    EXPECT_EQ(res.status, 422);
    EXPECT_EQ(res.field(), "password");
}

TEST_F(AuthApi, EveryEndpointButLoginHealthAndRulesNeedsCredentials) {
    for (const char* path : {"/api/v1/me", "/api/v1/users", "/api/v1/tickets", "/api/v1/tickets/1",
                             "/api/v1/tickets/1/thread", "/api/v1/tickets/1/events", "/api/v1/users/1"}) {
        auto res = desk_->client().Get(path, "");
        EXPECT_EQ(res.status, 401) << path;
        EXPECT_FALSE(res.header("www-authenticate").empty()) << path;
    }
    EXPECT_EQ(desk_->client().Post("/api/v1/tickets", "", json::object{}).status, 401);
    EXPECT_EQ(desk_->client().Get("/api/v1/health", "").status, 200);
    EXPECT_EQ(desk_->client().Get("/api/v1/rules", "").status, 200);
}

TEST_F(AuthApi, UnknownAndMalformedCredentialsAreRefused) {
    EXPECT_EQ(desk_->client().Get("/api/v1/me", "sdt_not-a-real-token").status, 401);
    auto basic = desk_->client().Send("GET", "/api/v1/me", "", {{"Authorization", "Basic YXNoYTpwdw=="}});
    EXPECT_EQ(basic.status, 401);
    auto empty = desk_->client().Send("GET", "/api/v1/me", "", {{"Authorization", "Bearer "}});
    EXPECT_EQ(empty.status, 401);
    auto cookie = desk_->client().Send("GET", "/api/v1/me", "", {{"Cookie", "sd_session=sds_forged"}});
    EXPECT_EQ(cookie.status, 401);
}

TEST_F(AuthApi, ACookieSessionMustSendItsCsrfTokenToChangeAnything) {
    auto login = Login("bruno", kPassword);
    ASSERT_EQ(login.status, 200);
    const std::string session = CookieValue(login, "sd_session");
    const std::string csrf = CookieValue(login, "sd_csrf");
    ASSERT_EQ(csrf, std::string(login.json().at("csrf_token").as_string()));
    const Headers cookie{{"Cookie", "theme=dark; sd_session=" + session}};
    const std::string ticket = R"({"subject":"Phone call","customer":{"name":"Al","email":"al@x.example"}})";

    EXPECT_EQ(desk_->client().Send("GET", "/api/v1/me", "", cookie).status, 200) << "reads need no CSRF token";

    auto forged = desk_->client().Send("POST", "/api/v1/tickets", ticket, cookie);
    EXPECT_EQ(forged.status, 403) << forged.body;
    EXPECT_EQ(forged.field(), "X-CSRF-Token");

    Headers wrong = cookie;
    wrong.emplace_back("X-CSRF-Token", "guess");
    EXPECT_EQ(desk_->client().Send("POST", "/api/v1/tickets", ticket, wrong).status, 403);

    Headers right = cookie;
    right.emplace_back("X-CSRF-Token", csrf);
    EXPECT_EQ(desk_->client().Send("POST", "/api/v1/tickets", ticket, right).status, 201);

    Headers cross_site = right;
    cross_site.emplace_back("Origin", "https://evil.example");
    auto cross = desk_->client().Send("POST", "/api/v1/tickets", ticket, cross_site);
    EXPECT_EQ(cross.status, 403);
    EXPECT_EQ(cross.field(), "Origin");

    Headers same_site = right;
    same_site.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(desk_->client().port()));
    EXPECT_EQ(desk_->client().Send("POST", "/api/v1/tickets", ticket, same_site).status, 201);
}

TEST_F(AuthApi, SigningOutNeedsASessionNotAnApiToken) {
    auto res = desk_->client().Delete("/api/v1/session", desk_->chen.token);
    EXPECT_EQ(res.status, 409) << res.body;
    EXPECT_EQ(desk_->client().Get("/api/v1/me", desk_->chen.token).status, 200) << "the API token still works";
}

TEST_F(AuthApi, AnApiTokenCannotBeUsedAsASessionCookie) {
    auto res = desk_->client().Send("GET", "/api/v1/me", "", {{"Cookie", "sd_session=" + desk_->chen.token}});
    EXPECT_EQ(res.status, 401);
}

TEST_F(AuthApi, LogoutRevokesTheSessionAndClearsTheCookies) {
    auto login = Login("chen", kPassword);
    const std::string token(login.json().at("token").as_string());
    ASSERT_EQ(desk_->client().Get("/api/v1/me", token).status, 200);
    auto out = desk_->client().Delete("/api/v1/session", token);
    ASSERT_EQ(out.status, 200) << out.body;
    EXPECT_NE(CookieAttributes(out, "sd_session").find("Max-Age=0"), std::string::npos);
    auto after = desk_->client().Get("/api/v1/me", token);
    EXPECT_EQ(after.status, 401);
    EXPECT_NE(after.json().at("error").at("message").as_string().find("revoked"), std::string::npos);
}

TEST(AuthExpiry, SessionsAndShortLivedApiTokensExpire) {
    TestDesk own({"--test-clock"});
    TestDesk* desk_ = &own;  // this test moves its desk's clock, so it has a desk of its own
    auto login = desk_->client().Post("/api/v1/session", "", json::object{{"login", "asha"}, {"password", kPassword}});
    const std::string session(login.json().at("token").as_string());
    auto made = RunCli({"token", "create", "--db", desk_->db_path(), "--login", "asha", "--ttl-days", "1"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::string day_token = made.out.substr(0, made.out.find('\n'));
    ASSERT_EQ(desk_->client().Get("/api/v1/me", session).status, 200);
    ASSERT_EQ(desk_->client().Get("/api/v1/me", day_token).status, 200);

    auto moved = desk_->client().Post("/api/v1/test/clock", "", json::object{{"advance_seconds", 13 * 3600}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    auto expired = desk_->client().Get("/api/v1/me", session);
    EXPECT_EQ(expired.status, 401);
    EXPECT_NE(expired.json().at("error").at("message").as_string().find("expired"), std::string::npos);
    EXPECT_EQ(desk_->client().Get("/api/v1/me", day_token).status, 200);

    desk_->client().Post("/api/v1/test/clock", "", json::object{{"advance_seconds", 12 * 3600}});
    EXPECT_EQ(desk_->client().Post("/api/v1/test/clock", "", json::object{{"advance_seconds", -1}}).status, 422);
    EXPECT_EQ(
        desk_->client().Post("/api/v1/test/clock", "", json::object{{"advance_seconds", 9'000'000'000'000LL}}).status,
        422);
    EXPECT_EQ(desk_->client().Get("/api/v1/me", day_token).status, 401);
    EXPECT_EQ(desk_->client().Get("/api/v1/me", desk_->asha.token).status, 200);
}

TEST(AuthCli, UserAddValidatesAndRefusesDuplicates) {
    TempDir dir;
    const std::string db = dir.File("people.db");
    auto ok = RunCli({"user", "add", "--db", db, "--login", "ann", "--name", "Ann", "--email", "ann@desk.test",
                      "--role", "engineer"},
                     "long enough password\n");
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    auto dup = RunCli({"user", "add", "--db", db, "--login", "ann", "--name", "Ann", "--email", "ann@desk.test",
                       "--role", "engineer"},
                      "long enough password\n");
    EXPECT_NE(dup.exit_code, 0);
    EXPECT_NE(dup.err.find("taken"), std::string::npos) << dup.err;
    auto role = RunCli(
        {"user", "add", "--db", db, "--login", "bo", "--name", "Bo", "--email", "bo@desk.test", "--role", "boss"},
        "long enough password\n");
    EXPECT_NE(role.exit_code, 0);
    EXPECT_NE(role.err.find("engineer, shift_lead, admin or success"), std::string::npos) << role.err;
    auto short_pw = RunCli(
        {"user", "add", "--db", db, "--login", "cy", "--name", "Cy", "--email", "cy@desk.test", "--role", "engineer"},
        "short\n");
    EXPECT_NE(short_pw.exit_code, 0);
    auto bad_email = RunCli(
        {"user", "add", "--db", db, "--login", "di", "--name", "Di", "--email", "not-an-address", "--role", "engineer"},
        "long enough password\n");
    EXPECT_NE(bad_email.exit_code, 0);
    auto no_user = RunCli({"token", "create", "--db", db, "--login", "ghost"});
    EXPECT_NE(no_user.exit_code, 0);
    auto env_db = RunCli({"token", "create", "--login", "ann"}, "", {"SHIFTDESK_DB=" + db});
    EXPECT_EQ(env_db.exit_code, 0) << env_db.err;
    EXPECT_TRUE(env_db.out.starts_with("sdt_"));
}

}  // namespace
}  // namespace shiftdesk::test
