// Recently checked credentials, so that signing in a request costs a hash lookup instead of a database read.
// Entries live a few seconds; whatever ends a credential (logout, revocation) must Forget it once its change is
// committed. A read that began before a Forget is not remembered (the epoch tells), so a credential ended by a
// commit is never served from the cache afterwards. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/users.hpp"

namespace shiftdesk::app {

class CredentialCache {
 public:
    using Steady = std::chrono::steady_clock;

    explicit CredentialCache(Steady::duration ttl = std::chrono::seconds(5), std::size_t capacity = 4096)
        : ttl_(ttl), capacity_(capacity) {}

    std::optional<store::Credential> Find(const std::string& token_hash) {
        std::lock_guard lock(mu_);
        auto it = entries_.find(token_hash);
        if (it == entries_.end()) return std::nullopt;
        if (Steady::now() - it->second.loaded > ttl_) {
            entries_.erase(it);
            return std::nullopt;
        }
        return it->second.credential;
    }

    // The epoch to pass to Remember: take it before reading the credential from the database.
    std::uint64_t Epoch() {
        std::lock_guard lock(mu_);
        return epoch_;
    }

    void Remember(const store::Credential& c, std::uint64_t epoch_before_read) {
        std::lock_guard lock(mu_);
        if (epoch_before_read != epoch_) return;             // something was forgotten meanwhile: the read may be stale
        if (entries_.size() >= capacity_) entries_.clear();  // rare; a cold cache only costs reads
        entries_[c.token.token_hash] = Entry{c, Steady::now()};
    }

    void Forget(const std::string& token_hash) {
        std::lock_guard lock(mu_);
        entries_.erase(token_hash);
        ++epoch_;
    }

 private:
    struct Entry {
        store::Credential credential;
        Steady::time_point loaded;
    };
    const Steady::duration ttl_;
    const std::size_t capacity_;
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;
    std::uint64_t epoch_ = 0;
};

}  // namespace shiftdesk::app
