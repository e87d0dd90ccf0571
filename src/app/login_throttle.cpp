#include "app/login_throttle.hpp"

#include <algorithm>

namespace shiftdesk::app {
namespace {

// Keys are cut to a length no login that can exist reaches (logins are at most 64 characters), so every real login
// has a key of its own while a megabyte of "login" costs no more memory than a short one.
constexpr std::size_t kMaxKey = 65;

std::string Key(std::string_view text) { return std::string(text.substr(0, kMaxKey)); }

}  // namespace

template <class V>
V* LoginThrottle::Table<V>::Find(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    items_.splice(items_.begin(), items_, it->second);
    return &it->second->second;
}

template <class V>
V& LoginThrottle::Table<V>::Get(const std::string& key) {
    if (V* found = Find(key)) return *found;
    if (index_.size() >= capacity_ && !items_.empty()) {
        index_.erase(items_.back().first);
        items_.pop_back();
    }
    items_.emplace_front(key, V{});
    index_.emplace(key, items_.begin());
    return items_.front().second;
}

template <class V>
void LoginThrottle::Table<V>::Erase(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    items_.erase(it->second);
    index_.erase(it);
}

LoginThrottle::LoginThrottle(LoginThrottleSettings settings)
    : settings_(settings),
      logins_(static_cast<std::size_t>(std::max(1, settings.max_tracked))),
      addresses_(static_cast<std::size_t>(std::max(1, settings.max_tracked))),
      trusted_(static_cast<std::size_t>(std::max(1, settings.max_tracked))) {}

Millis LoginThrottle::Delay(int failures, Millis cap) const {
    if (failures < settings_.free_failures) return 0;
    Millis delay = settings_.first_delay;
    for (int i = settings_.free_failures; i < failures && delay < cap; ++i) delay *= 2;
    return std::min(delay, cap);
}

void LoginThrottle::Refresh(Count& c, Millis cap, Millis now) const {
    if (c.failures > 0 && now >= WaitsUntil(c, cap) + settings_.forget_after) c = Count{};
}

LoginThrottle::Trust* LoginThrottle::TrustFor(const std::string& pair, Millis now) {
    Trust* trust = trusted_.Find(pair);
    if (trust && now >= trust->until) {
        trusted_.Erase(pair);
        return nullptr;
    }
    return trust;
}

LoginAdmission LoginThrottle::Admit(std::string_view login, std::string_view address, Millis now) {
    const std::string login_key = Key(login);
    const std::string address_key = Key(address);
    const std::string pair_key = login_key + '\n' + address_key;
    std::lock_guard lock(mu_);
    LoginAdmission out;

    // Who holds the attempt back: from an address the login was recently signed in from, only the failures made
    // there (a stranger elsewhere cannot keep the owner out); from anywhere else, the login's and the address's.
    Millis until = 0;
    if (Trust* trust = TrustFor(pair_key, now)) {
        Refresh(trust->count, settings_.login_max_delay, now);
        until = WaitsUntil(trust->count, settings_.login_max_delay);
    } else {
        if (Count* c = logins_.Find(login_key)) {
            Refresh(*c, settings_.login_max_delay, now);
            until = WaitsUntil(*c, settings_.login_max_delay);
        }
        if (Count* c = addresses_.Find(address_key)) {
            Refresh(*c, settings_.address_max_delay, now);
            const Millis address_until = WaitsUntil(*c, settings_.address_max_delay);
            if (address_until > until) {
                until = address_until;
                out.held_by = ThrottleScope::kAddress;
            }
        }
    }
    if (until > now) {
        out.retry_after = until - now;
        return out;
    }

    // Heard: counted as failed now, on every key it touches.
    bool within_allowance = true;
    const auto count = [&](Count& c, Millis cap, std::optional<ThrottleScope> scope) {
        Refresh(c, cap, now);
        if (c.failures >= settings_.free_failures) within_allowance = false;
        if (c.failures == 0) c.since = now;
        ++c.failures;
        c.last = now;
        if (scope && c.failures == settings_.free_failures) out.episodes.push_back({*scope, c.failures, c.since});
    };
    Count& by_login = logins_.Get(login_key);
    count(by_login, settings_.login_max_delay, ThrottleScope::kLogin);
    if (by_login.failures > 1 && by_login.address != address_key) by_login.several_addresses = true;
    by_login.address = address_key;
    if (by_login.failures == settings_.notify_after) {
        out.alert = FailureAlert{by_login.failures, by_login.since, by_login.address, by_login.several_addresses};
    }
    count(addresses_.Get(address_key), settings_.address_max_delay, ThrottleScope::kAddress);
    if (Trust* trust = TrustFor(pair_key, now)) count(trust->count, settings_.login_max_delay, std::nullopt);
    out.audit = within_allowance || out.alert.has_value();
    return out;
}

void LoginThrottle::Succeeded(std::string_view login, std::string_view address, Millis now) {
    const std::string login_key = Key(login);
    const std::string address_key = Key(address);
    std::lock_guard lock(mu_);
    logins_.Erase(login_key);
    addresses_.Erase(address_key);
    if (settings_.trust_for > 0) trusted_.Get(login_key + '\n' + address_key) = Trust{now + settings_.trust_for, {}};
}

LoginThrottle::Sizes LoginThrottle::Tracked() const {
    std::lock_guard lock(mu_);
    return {logins_.size(), addresses_.size(), trusted_.size()};
}

}  // namespace shiftdesk::app
