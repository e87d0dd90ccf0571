// Time as UTC milliseconds since the epoch, read through an injected Clock so tests move time instead of sleeping.
// SystemClock and ManualClock are thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace shiftdesk {

using Millis = std::int64_t;  // UTC milliseconds since 1970-01-01T00:00:00Z

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;

class Clock {
 public:
    virtual ~Clock() = default;
    virtual Millis Now() const = 0;
};

class SystemClock final : public Clock {
 public:
    Millis Now() const override;
};

// A clock that only moves when told to: the server's --test-clock mode and the unit tests.
class ManualClock final : public Clock {
 public:
    explicit ManualClock(Millis start) : now_(start) {}
    Millis Now() const override { return now_.load(std::memory_order_acquire); }
    void Advance(Millis by) { now_.fetch_add(by, std::memory_order_acq_rel); }
    void Set(Millis to) { now_.store(to, std::memory_order_release); }

 private:
    std::atomic<Millis> now_;
};

}  // namespace shiftdesk
