// Sign-in throttling: counts failed sign-ins per login, per client address, and per (login, address) the login was
// recently signed in from, and says how long the next attempt must wait. Pure (no I/O; time comes in as a value);
// memory is bounded (at most `max_tracked` entries per table, the least recently used dropped first). Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"

namespace shiftdesk::app {

// The [login] section of the config. A run of failures ends with a success or once it is forgotten.
struct LoginThrottleSettings {
    int free_failures = 5;                    // failures per login and per address heard at once; then attempts wait
    Millis first_delay = 1 * kSecond;         // the first wait; every further failure doubles it
    Millis login_max_delay = 1 * kMinute;     // the longest wait per login: how long a stranger can hold one back
    Millis address_max_delay = 15 * kMinute;  // the longest wait per address: one address guessing many logins
    int notify_after = 5;                     // failures on a login before its owner is told, once per run
    Millis forget_after = 15 * kMinute;       // a run is forgotten this long after its latest wait ended
    Millis trust_for = 30 * kDay;             // a success trusts its address for that login this long (0: never)
    int max_tracked = 10000;                  // entries per table: logins, addresses, trusted (login, address)
};

// What held an attempt back, or what a run of failures was counted against.
enum class ThrottleScope { kLogin, kAddress };

// A run of failures that has just made the next attempt wait: audited once, not per attempt.
struct ThrottleEpisode {
    ThrottleScope scope = ThrottleScope::kLogin;
    int failures = 0;
    Millis since = 0;  // the run's first failure
};

// The run of failures on a login its owner should hear of (once per run).
struct FailureAlert {
    int failures = 0;
    Millis since = 0;
    std::string address;  // the latest failure's
    bool several_addresses = false;
};

// What one attempt may do, decided before its password is checked.
struct LoginAdmission {
    // Set: refused now, try again after this long (> 0). Nothing was counted.
    std::optional<Millis> retry_after;
    ThrottleScope held_by = ThrottleScope::kLogin;
    // For an admitted attempt, which counts as failed until Succeeded: what its failure means.
    bool audit = false;                     // within every allowance (or the failure that alerts): audit it alone
    std::vector<ThrottleEpisode> episodes;  // runs this failure starts throttling: audit each once
    std::optional<FailureAlert> alert;      // tell the login's owner, when the login exists
};

class LoginThrottle {
 public:
    explicit LoginThrottle(LoginThrottleSettings settings);

    // Whether an attempt at `login` from `address` is heard now. An admitted attempt counts as a failure at once,
    // so concurrent attempts cannot overrun the allowance; Succeeded undoes that. A refused attempt counts nothing,
    // so retrying during a wait never lengthens it.
    LoginAdmission Admit(std::string_view login, std::string_view address, Millis now);
    // The password was right: forgets the login's and the address's failures, and trusts the address for the
    // login for `trust_for` (from there the login is throttled only by failures from that address).
    void Succeeded(std::string_view login, std::string_view address, Millis now);

    struct Sizes {
        std::size_t logins = 0;
        std::size_t addresses = 0;
        std::size_t trusted = 0;
    };
    Sizes Tracked() const;

    const LoginThrottleSettings& settings() const { return settings_; }

 private:
    // A run of failures.
    struct Count {
        int failures = 0;
        Millis since = 0;  // the first failure
        Millis last = 0;   // the latest failure
        std::string address;
        bool several_addresses = false;
    };
    struct Trust {
        Millis until = 0;
        Count count;  // failures from the trusted address at the login
    };

    // Keys to values, at most `capacity` of them; adding to a full table drops the least recently used.
    template <class V>
    class Table {
     public:
        explicit Table(std::size_t capacity) : capacity_(capacity) {}
        V* Find(const std::string& key);
        V& Get(const std::string& key);
        void Erase(const std::string& key);
        std::size_t size() const { return index_.size(); }

     private:
        using Items = std::list<std::pair<std::string, V>>;
        std::size_t capacity_;
        Items items_;  // most recently used first
        std::unordered_map<std::string, typename Items::iterator> index_;
    };

    Millis Delay(int failures, Millis cap) const;
    Millis WaitsUntil(const Count& c, Millis cap) const { return c.last + Delay(c.failures, cap); }
    // A run whose wait ended longer than forget_after ago starts again from nothing.
    void Refresh(Count& c, Millis cap, Millis now) const;
    Trust* TrustFor(const std::string& pair, Millis now);

    const LoginThrottleSettings settings_;
    mutable std::mutex mu_;
    Table<Count> logins_;
    Table<Count> addresses_;
    Table<Trust> trusted_;
};

}  // namespace shiftdesk::app
