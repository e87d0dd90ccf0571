// Sign-in throttling, the pure part: allowances, doubling waits and their caps per login and per address, trust
// for an address a login was signed in from, runs announced once, forgetting, the memory bound, concurrency.
#include "app/login_throttle.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace shiftdesk::app {
namespace {

constexpr Millis kStart = 1'800'000'000'000;

// Fails `n` attempts at login from address, each as soon as it may; returns the time after the last one.
Millis FailWhenAllowed(LoginThrottle& t, const std::string& login, const std::string& address, int n, Millis now) {
    for (int i = 0; i < n; ++i) {
        auto a = t.Admit(login, address, now);
        if (a.retry_after) {
            now += *a.retry_after;
            a = t.Admit(login, address, now);
        }
        EXPECT_FALSE(a.retry_after) << "attempt " << i;
    }
    return now;
}

// The wait a new attempt at login from address would be told, 0 when it is heard. Heard attempts count.
Millis WaitOf(LoginThrottle& t, const std::string& login, const std::string& address, Millis now) {
    return t.Admit(login, address, now).retry_after.value_or(0);
}

TEST(LoginThrottle, TheAllowanceIsHeardThenTheNextAttemptWaits) {
    LoginThrottle t({});
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(t.Admit("asha", "10.0.0.1", kStart).retry_after) << i;
    const auto held = t.Admit("asha", "10.0.0.1", kStart);
    ASSERT_TRUE(held.retry_after);
    EXPECT_EQ(*held.retry_after, 1 * kSecond);
    EXPECT_FALSE(t.Admit("asha", "10.0.0.1", kStart + kSecond).retry_after) << "the wait is over";
}

TEST(LoginThrottle, RetryingDuringAWaitDoesNotLengthenIt) {
    LoginThrottle t({});
    FailWhenAllowed(t, "asha", "10.0.0.1", 5, kStart);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(WaitOf(t, "asha", "10.0.0.1", kStart + 500), 500);
    EXPECT_EQ(WaitOf(t, "asha", "10.0.0.1", kStart + kSecond), 0);
}

TEST(LoginThrottle, OneLoginFromManyAddressesWaitsDoublingUpToTheLoginCap) {
    LoginThrottle t({});
    Millis now = kStart;
    std::vector<Millis> waits;
    for (int i = 0; i < 14; ++i) {
        const std::string address = "10.0.1." + std::to_string(i);  // a fresh address every time: only the login
        const auto a = t.Admit("asha", address, now);
        if (a.retry_after) {
            waits.push_back(*a.retry_after);
            now += *a.retry_after;
            ASSERT_FALSE(t.Admit("asha", address, now).retry_after);
        }
    }
    const std::vector<Millis> expected = {1 * kSecond,  2 * kSecond,  4 * kSecond,  8 * kSecond, 16 * kSecond,
                                          32 * kSecond, 60 * kSecond, 60 * kSecond, 60 * kSecond};
    EXPECT_EQ(waits, expected);
}

TEST(LoginThrottle, OneAddressTryingManyLoginsWaitsUpToTheAddressCap) {
    LoginThrottle t({});
    Millis now = kStart;
    Millis longest = 0;
    for (int i = 0; i < 30; ++i) {
        const std::string login = "guess" + std::to_string(i);  // a fresh login every time: only the address
        const auto a = t.Admit(login, "10.0.0.9", now);
        if (a.retry_after) {
            EXPECT_EQ(a.held_by, ThrottleScope::kAddress);
            longest = std::max(longest, *a.retry_after);
            now += *a.retry_after;
            ASSERT_FALSE(t.Admit(login, "10.0.0.9", now).retry_after);
        }
    }
    EXPECT_EQ(longest, 15 * kMinute);
    EXPECT_EQ(WaitOf(t, "someone", "10.0.0.10", now), 0) << "the neighbouring address is not held back";
}

TEST(LoginThrottle, ASuccessClearsTheLoginAndTheAddress) {
    LoginThrottle t({});
    const Millis now = FailWhenAllowed(t, "asha", "10.0.0.1", 5, kStart);
    FailWhenAllowed(t, "bruno", "10.0.0.2", 5, kStart);
    t.Succeeded("asha", "10.0.0.1", now);
    EXPECT_EQ(WaitOf(t, "asha", "10.0.0.3", now), 0);
    EXPECT_EQ(WaitOf(t, "carl", "10.0.0.1", now), 0);
    EXPECT_GT(WaitOf(t, "bruno", "10.0.0.4", now), 0) << "someone else's failures stand";
}

TEST(LoginThrottle, FromAnAddressThatSignedInOnlyItsOwnFailuresCount) {
    LoginThrottle t({});
    t.Succeeded("asha", "10.0.0.1", kStart);  // asha's office
    // A stranger elsewhere drives the login to its cap, and their own address far beyond.
    const Millis now = FailWhenAllowed(t, "asha", "192.0.2.66", 20, kStart);
    EXPECT_GT(WaitOf(t, "asha", "192.0.2.66", now), 60 * kSecond);
    EXPECT_GT(WaitOf(t, "asha", "10.0.0.99", now), 0) << "from anywhere new, the login's wait applies";
    EXPECT_LE(WaitOf(t, "asha", "10.0.0.99", now), 60 * kSecond);
    EXPECT_EQ(WaitOf(t, "asha", "10.0.0.1", now), 0) << "from the office, asha is heard at once";

    // Failures from the office itself are throttled there like a login's.
    LoginThrottle own({});
    own.Succeeded("asha", "10.0.0.1", kStart);
    FailWhenAllowed(own, "asha", "10.0.0.1", 5, kStart);
    EXPECT_EQ(WaitOf(own, "asha", "10.0.0.1", kStart), kSecond);
}

TEST(LoginThrottle, TrustEndsAfterTrustFor) {
    LoginThrottleSettings s;
    s.trust_for = kDay;
    LoginThrottle t(s);
    t.Succeeded("asha", "10.0.0.1", kStart);
    const Millis later = kStart + 2 * kDay;
    FailWhenAllowed(t, "asha", "192.0.2.66", 5, later);
    EXPECT_GT(WaitOf(t, "asha", "10.0.0.1", later), 0) << "trust has run out: the login's wait applies again";

    s.trust_for = 0;
    LoginThrottle never(s);
    never.Succeeded("asha", "10.0.0.1", kStart);
    EXPECT_EQ(never.Tracked().trusted, 0u);
}

TEST(LoginThrottle, FailuresAreForgottenAfterAQuietSpell) {
    LoginThrottle t({});
    const Millis now = FailWhenAllowed(t, "asha", "10.0.0.1", 8, kStart);  // the latest wait: 8 s
    EXPECT_EQ(WaitOf(t, "asha", "10.0.0.1", now), 8 * kSecond);
    const Millis quiet = now + 8 * kSecond + 15 * kMinute;
    for (int i = 0; i < 5; ++i) EXPECT_EQ(WaitOf(t, "asha", "10.0.0.1", quiet), 0) << "a new run: " << i;
    EXPECT_EQ(WaitOf(t, "asha", "10.0.0.1", quiet), kSecond);
}

TEST(LoginThrottle, ARunIsAuditedOnceAndItsOwnerToldOnce) {
    LoginThrottle t({});
    Millis now = kStart;
    int audited = 0;
    int alerts = 0;
    std::vector<ThrottleScope> episodes;
    for (int i = 0; i < 12; ++i) {
        auto a = t.Admit("asha", "10.0.0.1", now);
        if (a.retry_after) {
            EXPECT_FALSE(a.audit);
            EXPECT_TRUE(a.episodes.empty());
            now += *a.retry_after;
            a = t.Admit("asha", "10.0.0.1", now);
        }
        audited += a.audit ? 1 : 0;
        for (const auto& e : a.episodes) {
            episodes.push_back(e.scope);
            EXPECT_EQ(e.failures, 5);
            EXPECT_EQ(e.since, kStart);
        }
        if (a.alert) {
            ++alerts;
            EXPECT_EQ(a.alert->failures, 5);
            EXPECT_EQ(a.alert->since, kStart);
            EXPECT_EQ(a.alert->address, "10.0.0.1");
            EXPECT_FALSE(a.alert->several_addresses);
        }
    }
    EXPECT_EQ(audited, 5) << "the allowance one by one, then nothing per failure";
    EXPECT_EQ(episodes, (std::vector<ThrottleScope>{ThrottleScope::kLogin, ThrottleScope::kAddress}));
    EXPECT_EQ(alerts, 1);

    // After a success a new run is announced again.
    t.Succeeded("asha", "10.0.0.1", now);
    int again = 0;
    for (int i = 0; i < 5; ++i) again += t.Admit("asha", "10.0.0.2", now).alert ? 1 : 0;
    EXPECT_EQ(again, 1);
}

TEST(LoginThrottle, TheAlertSaysWhenFailuresCameFromSeveralAddresses) {
    LoginThrottleSettings s;
    s.notify_after = 3;
    LoginThrottle t(s);
    EXPECT_FALSE(t.Admit("asha", "10.0.0.1", kStart).alert);
    EXPECT_FALSE(t.Admit("asha", "10.0.0.2", kStart).alert);
    const auto a = t.Admit("asha", "10.0.0.3", kStart);
    ASSERT_TRUE(a.alert);
    EXPECT_TRUE(a.audit) << "the failure that alerts is audited, so the answer's cost is alike for any login";
    EXPECT_TRUE(a.alert->several_addresses);
    EXPECT_EQ(a.alert->address, "10.0.0.3");
}

TEST(LoginThrottle, MemoryStaysBoundedUnderASprayOfLoginsAndAddresses) {
    LoginThrottleSettings s;
    s.max_tracked = 100;
    LoginThrottle t(s);
    const std::string huge(64 << 10, 'x');  // far past any login (64 characters) or key
    for (int i = 0; i < 5000; ++i) {
        const std::string n = std::to_string(i);
        t.Admit(huge + n, "10." + n, kStart);
        t.Succeeded("user" + n, "10." + n, kStart);
    }
    const auto sizes = t.Tracked();
    EXPECT_LE(sizes.logins, 100u);
    EXPECT_LE(sizes.addresses, 100u);
    EXPECT_LE(sizes.trusted, 100u);

    // Logins too long to exist share one key, cut where no real login reaches.
    LoginThrottle cut({});
    for (int i = 0; i < 5; ++i) cut.Admit(huge + std::to_string(i), "10.0.0." + std::to_string(i), kStart);
    EXPECT_EQ(cut.Tracked().logins, 1u);
    EXPECT_GT(WaitOf(cut, huge + "z", "10.0.0.99", kStart), 0);
}

TEST(LoginThrottle, ConcurrentAttemptsCannotOverrunTheAllowance) {
    LoginThrottle t({});
    std::atomic<int> heard = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&, i] {
            for (int j = 0; j < 20; ++j) {
                if (!t.Admit("asha", "10.0.2." + std::to_string(i * 20 + j), kStart).retry_after) ++heard;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(heard.load(), 5);
}

}  // namespace
}  // namespace shiftdesk::app
