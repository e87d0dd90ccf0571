// Keeps a log from flooding: at most `burst` lines per interval; the lines held back are counted and reported with
// the next line that is let through. Time comes in as a value (any monotonic milliseconds). Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

namespace shiftdesk {

class LogLimiter {
 public:
    LogLimiter(std::int64_t interval_ms, int burst) : interval_ms_(interval_ms), burst_(burst) {}

    // When a line may be written at `now_ms`: how many were held back since the last one written (0 or more).
    // nullopt: hold this one back too.
    std::optional<std::int64_t> Allow(std::int64_t now_ms) {
        std::lock_guard lock(mu_);
        if (now_ms >= window_start_ + interval_ms_) {
            window_start_ = now_ms;
            written_ = 0;
        }
        if (written_ >= burst_) {
            ++held_back_;
            return std::nullopt;
        }
        ++written_;
        const std::int64_t held = held_back_;
        held_back_ = 0;
        return held;
    }

 private:
    const std::int64_t interval_ms_;
    const int burst_;
    std::mutex mu_;
    std::int64_t window_start_ = INT64_MIN / 2;
    int written_ = 0;
    std::int64_t held_back_ = 0;
};

}  // namespace shiftdesk
