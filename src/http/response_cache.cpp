#include "http/response_cache.hpp"

namespace shiftdesk::http {

std::shared_ptr<const std::string> ResponseCache::Find(const std::string& key, std::uint64_t version) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    if (it->second.version != version) {
        bytes_ -= it->second.body->size() + key.size();
        entries_.erase(it);
        return nullptr;
    }
    return it->second.body;
}

void ResponseCache::Store(const std::string& key, std::uint64_t version, std::shared_ptr<const std::string> body) {
    std::lock_guard lock(mu_);
    const std::size_t size = body->size() + key.size();
    if (size > max_bytes_) return;
    if (bytes_ + size > max_bytes_) {
        // Rare, and a miss only costs a query: start over rather than track recency.
        entries_.clear();
        bytes_ = 0;
    }
    auto [it, inserted] = entries_.try_emplace(key, Entry{version, nullptr});
    if (!inserted) bytes_ -= it->second.body->size() + key.size();
    it->second = Entry{version, std::move(body)};
    bytes_ += size;
}

}  // namespace shiftdesk::http
