// Refusals found by reads, audited without a durable write per request: a loop of forbidden reads must not become a
// loop of commits. The first refusal of a kind (the same actor, action and rule) in a window is written at once;
// repeats inside the window are only counted, and one summary line per kind is written when its window closes, so
// the audit trail still answers "who was refused what, and when". Memory is bounded by max_kinds. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"

namespace shiftdesk::app {

class ReadRefusalLog {
 public:
    // The repeats of one kind of refusal within one window.
    struct Summary {
        domain::UserId actor = 0;
        Error refusal;             // the first refusal of the window, as it was written
        std::int64_t repeats = 0;  // refusals after the first, not written one by one
        Millis first_at = 0;       // the first repeat
        Millis last_at = 0;        // the last repeat
        bool same_ticket = true;   // every repeat was about the first refusal's ticket
    };

    ReadRefusalLog(Millis window, std::size_t max_kinds) : window_(window), max_kinds_(max_kinds) {}

    // Notes a refusal at `now`. REQUIRES: refusal.audited(). True when it opens a window and is to be written now;
    // false when it was counted.
    bool Note(domain::UserId actor, const Error& refusal, Millis now);
    // The summaries of windows that closed by `now` and held repeats. Closed windows are forgotten.
    std::vector<Summary> TakeClosed(Millis now);
    // Repeats of kinds that found the table full (bounded memory); counted, summarised with the next TakeClosed.
    std::int64_t overflow() const;

 private:
    using Key = std::tuple<domain::UserId, std::string, rule::Id, ErrorCode>;  // actor, action, rule, code
    struct Window {
        Millis opened_at = 0;
        Summary summary;
    };

    const Millis window_;
    const std::size_t max_kinds_;
    mutable std::mutex mu_;
    std::map<Key, Window> windows_;
    std::vector<Summary> closed_;  // windows replaced by a new one before they were summarised
    std::int64_t overflow_ = 0;
    Millis overflow_first_ = 0;
    Millis overflow_last_ = 0;
};

}  // namespace shiftdesk::app
