// Rendered answers to the GET requests a desk repeats all day (the bin, the queue), kept per user and URL under
// the database's data version and served for as long as the version stays the same: any commit, by this server
// or another process, makes every entry stale at once. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace shiftdesk::http {

class ResponseCache {
 public:
    explicit ResponseCache(std::size_t max_bytes = std::size_t{64} << 20) : max_bytes_(max_bytes) {}

    // The body stored for key under exactly this version, or null.
    std::shared_ptr<const std::string> Find(const std::string& key, std::uint64_t version);
    void Store(const std::string& key, std::uint64_t version, std::shared_ptr<const std::string> body);

 private:
    struct Entry {
        std::uint64_t version;
        std::shared_ptr<const std::string> body;
    };
    const std::size_t max_bytes_;
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;
    std::size_t bytes_ = 0;
};

}  // namespace shiftdesk::http
