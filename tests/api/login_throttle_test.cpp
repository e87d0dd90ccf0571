// Sign-in throttling over HTTP: failed sign-ins slow the next attempt per login and per client address (429 with
// Retry-After, before any password is checked), a colleague cannot be kept out by a stranger, the owner of a login
// under attack is told once, and a throttled episode is audited once rather than per attempt. Time moves on the
// test clock; other clients are other loopback addresses (127.0.0.x).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

constexpr const char* kWrong = "not the password";

HttpResponse SignIn(const HttpClient& http, const std::string& login, const std::string& password) {
    return http.Post("/api/v1/session", "", json::object{{"login", login}, {"password", password}});
}

// Retry-After in seconds; -1 when absent or not a number.
int RetryAfter(const HttpResponse& res) {
    const std::string text = res.header("retry-after");
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoi(text);
}

std::int64_t Events(const TestDesk& desk, const std::string& where = "1 = 1") {
    return DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE " + where);
}

std::vector<json::object> NotificationsOf(const TestDesk& desk, const Person& who, const std::string& kind) {
    std::vector<json::object> out;
    const json::value all = desk.client().Get("/api/v1/notifications", who.token).json();
    for (const auto& n : all.at("notifications").as_array()) {
        if (n.at("kind").as_string() == kind) out.push_back(n.as_object());
    }
    return out;
}

// Wrong passwords from `http` until one is throttled; returns how many were heard (answered 401) before it.
int FailUntilThrottled(const HttpClient& http, const std::string& login, HttpResponse& throttled, int at_most = 50) {
    for (int heard = 0; heard < at_most; ++heard) {
        auto res = SignIn(http, login, kWrong);
        if (res.status == 429) {
            throttled = res;
            return heard;
        }
        EXPECT_EQ(res.status, 401) << res.body;
    }
    ADD_FAILURE() << at_most << " wrong passwords for " << login << " were all heard";
    return at_most;
}

TEST(LoginThrottle, WrongPasswordsAreSlowedWith429ThenTheRightOneWorksAfterTheWait) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const auto events_before = Events(desk);

    HttpResponse throttled;
    const int heard = FailUntilThrottled(http, "asha", throttled, 10);
    EXPECT_EQ(heard, 5) << "the default: five failures are heard, the sixth attempt waits";
    ASSERT_EQ(throttled.status, 429) << throttled.body;
    EXPECT_EQ(throttled.error_code(), "throttled");
    EXPECT_NE(throttled.json().at("error").at("message").as_string().find("try again in"), std::string::npos)
        << throttled.body;
    const int wait = RetryAfter(throttled);
    EXPECT_EQ(wait, 1) << "the first wait, by default";

    // During the wait every attempt is answered at once, the right password too, and none of them is written down.
    const auto events_in_episode = Events(desk);
    for (int i = 0; i < 20; ++i) ASSERT_EQ(SignIn(http, "asha", kWrong).status, 429);
    auto right_too_soon = SignIn(http, "asha", kPassword);
    EXPECT_EQ(right_too_soon.status, 429) << right_too_soon.body;
    EXPECT_EQ(RetryAfter(right_too_soon), wait) << "attempts during the wait do not lengthen it";
    EXPECT_EQ(Events(desk), events_in_episode) << "a throttled attempt writes no audit row";
    // Five failures audited one by one, then one row for the episode per login and per address.
    EXPECT_EQ(Events(desk, "action = 'session.refused'"), 5);
    EXPECT_EQ(Events(desk, "action = 'session.throttled'"), 2);
    EXPECT_EQ(events_in_episode - events_before, 7);
    EXPECT_EQ(Events(desk, "action = 'session.throttled' AND message LIKE '%127.0.0.1%' AND actor_id = " +
                               std::to_string(desk.asha.id)),
              2)
        << "the episode's row names the account and the address";

    // After the wait a failure is heard again, and the next wait is twice as long.
    AdvanceClock(http, wait);
    EXPECT_EQ(SignIn(http, "asha", kWrong).status, 401);
    auto again = SignIn(http, "asha", kWrong);
    EXPECT_EQ(again.status, 429);
    EXPECT_EQ(RetryAfter(again), 2 * wait);
    EXPECT_EQ(Events(desk), events_in_episode) << "failures past the threshold are covered by the episode's row";

    AdvanceClock(http, RetryAfter(again));
    auto signed_in = SignIn(http, "asha", kPassword);
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;

    // The owner was told once, with the number, the address and since when.
    const auto told = NotificationsOf(desk, desk.asha, "session.failed_sign_ins");
    ASSERT_EQ(told.size(), 1u);
    const std::string message(told[0].at("message").as_string());
    EXPECT_NE(message.find("5 failed sign-ins"), std::string::npos) << message;
    EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;
    EXPECT_NE(message.find("since"), std::string::npos) << message;

    // A success clears the login's and the address's counts: the next mistake is heard at once.
    EXPECT_EQ(SignIn(http, "asha", kWrong).status, 401);
    EXPECT_EQ(NotificationsOf(desk, desk.asha, "session.failed_sign_ins").size(), 1u);
}

TEST(LoginThrottle, AnUnknownLoginIsThrottledExactlyLikeAWrongPassword) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    // The same pattern of attempts from two fresh addresses, one at a login that does not exist, one at asha's.
    const auto run = [&](const HttpClient& from, const std::string& login) {
        std::vector<std::pair<int, std::string>> seen;
        for (int i = 0; i < 9; ++i) {
            auto res = SignIn(from, login, kWrong);
            seen.emplace_back(res.status, res.body + " retry-after=" + res.header("retry-after"));
            if (res.status == 429) AdvanceClock(http, RetryAfter(res));
        }
        return seen;
    };
    const auto unknown = run(http.From("127.0.0.5"), "nobody");
    const auto wrong = run(http.From("127.0.0.6"), "asha");
    EXPECT_EQ(unknown, wrong);
    EXPECT_TRUE(std::any_of(unknown.begin(), unknown.end(), [](const auto& s) { return s.first == 429; }));
    EXPECT_EQ(NotificationsOf(desk, desk.asha, "session.failed_sign_ins").size(), 1u);
}

TEST(LoginThrottle, AStrangerCannotKeepAColleagueOut) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const HttpClient office = http.From("127.0.0.1");
    const HttpClient stranger = http.From("127.0.0.2");
    ASSERT_EQ(SignIn(office, "asha", kPassword).status, 200) << "asha has signed in from her office before";

    // A stranger keeps guessing asha's password, each time the wait allows, until the waits stop growing.
    int last_wait = 0;
    for (int round = 0; round < 16; ++round) {
        HttpResponse throttled;
        FailUntilThrottled(stranger, "asha", throttled);
        last_wait = RetryAfter(throttled);
        AdvanceClock(http, last_wait);
    }
    EXPECT_EQ(last_wait, 900) << "the stranger's own address waits up to the address cap";
    HttpResponse throttled;
    FailUntilThrottled(stranger, "asha", throttled);

    // From somewhere new asha waits at most the login cap (a minute by default), never the stranger's wait.
    const HttpClient hotel = http.From("127.0.0.3");
    auto from_hotel = SignIn(hotel, "asha", kPassword);
    ASSERT_EQ(from_hotel.status, 429) << from_hotel.body;
    EXPECT_GE(RetryAfter(from_hotel), 1);
    EXPECT_LE(RetryAfter(from_hotel), 60);

    // From where she signed in before, she is held back only by her own mistakes there: she is in at once.
    auto from_office = SignIn(office, "asha", kPassword);
    EXPECT_EQ(from_office.status, 200) << from_office.body;
    auto stranger_again = SignIn(stranger, "asha", kWrong);
    EXPECT_EQ(stranger_again.status, 429) << "her success does not clear the stranger's address";
    EXPECT_EQ(SignIn(hotel, "asha", kPassword).status, 200) << "her success cleared the login's count";
}

TEST(LoginThrottle, OneAddressTryingManyLoginsIsSlowedHardAndWritesLittle) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const HttpClient sprayer = http.From("127.0.0.4");
    const auto events_before = Events(desk);
    std::vector<int> statuses;
    int longest = 0;
    for (int i = 0; i < 40; ++i) {
        auto res = SignIn(sprayer, "guess" + std::to_string(i), kWrong);
        statuses.push_back(res.status);
        if (res.status == 401) continue;
        ASSERT_EQ(res.status, 429) << res.body;
        longest = std::max(longest, RetryAfter(res));
        AdvanceClock(http, RetryAfter(res));
    }
    EXPECT_EQ(statuses[5], 429) << "a new login does not buy the address a fresh allowance";
    EXPECT_GT(longest, 60) << "an address hammering many logins waits longer than any one login's cap";
    EXPECT_EQ(longest, 900);
    EXPECT_EQ(Events(desk) - events_before, 5 + 1) << "five failures one by one, then the address's one episode";
    EXPECT_EQ(Events(desk, "action = 'session.throttled' AND message LIKE '%127.0.0.4%'"), 1);

    // Someone else, elsewhere, is not slowed by it.
    EXPECT_EQ(SignIn(http.From("127.0.0.7"), "bruno", kPassword).status, 200);
}

TEST(LoginThrottle, TheLimitsComeFromTheLoginSection) {
    TempDir dir;
    {
        std::ofstream(dir.File("desk.toml")) << "[login]\nfree_failures = 2\nfirst_delay_seconds = 10\n"
                                                "login_max_delay_seconds = 20\naddress_max_delay_seconds = 40\n"
                                                "notify_after = 3\n";
    }
    TestDesk desk({"--test-clock", "--config", dir.File("desk.toml")});
    const HttpClient http = desk.client();
    HttpResponse throttled;
    EXPECT_EQ(FailUntilThrottled(http, "bruno", throttled), 2);
    EXPECT_EQ(RetryAfter(throttled), 10);
    std::vector<int> waits;
    for (int i = 0; i < 4; ++i) {
        AdvanceClock(http, RetryAfter(throttled));
        EXPECT_EQ(FailUntilThrottled(http, "bruno", throttled), 1);
        waits.push_back(RetryAfter(throttled));
    }
    EXPECT_EQ(waits, (std::vector<int>{20, 40, 40, 40})) << "doubling up to the caps (the address's is the larger)";
    EXPECT_EQ(NotificationsOf(desk, desk.bruno, "session.failed_sign_ins").size(), 1u) << "told at 3, once";

    const std::pair<std::string, std::string> bad[] = {
        {"[login]\nfree_failures = 0\n", "login.free_failures"},
        {"[login]\nfirst_delay_seconds = 120\nlogin_max_delay_seconds = 60\n", "login.login_max_delay_seconds"},
        {"[login]\naddress_max_delay_seconds = 0\n", "login.address_max_delay_seconds"},
        {"[login]\nmax_tracked = 5\n", "login.max_tracked"},
        {"[login]\nlockout = true\n", "login.lockout"},
    };
    for (const auto& [text, field] : bad) {
        { std::ofstream(dir.File("bad.toml")) << text; }
        auto refused =
            RunCli({"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0", "--config", dir.File("bad.toml")});
        EXPECT_NE(refused.exit_code, 0) << text;
        EXPECT_NE(refused.err.find(field), std::string::npos) << text << " -> " << refused.err;
    }
}

}  // namespace
}  // namespace shiftdesk::test
