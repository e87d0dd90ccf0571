// Timers: things that fall due at a time and fire once (a leave's start and end, a ticket's next SLA threshold).
// The caller fires a timer and deletes it in one transaction, so a timer fires exactly once even across a
// restart. Functions run on the caller's Conn.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

struct Timer {
    std::int64_t id = 0;
    Millis due_at = 0;
    std::string kind;  // "leave.start", "leave.end", ...
    std::int64_t subject_id = 0;
};

Result<void> ScheduleTimer(Conn& c, std::string_view kind, std::int64_t subject_id, Millis due_at);
// Drops the subject's timers of these kinds (the thing they were for was called off or moved).
Result<void> CancelTimers(Conn& c, std::int64_t subject_id, const std::vector<std::string>& kinds);
// Timers due by `now`, earliest first.
Result<std::vector<Timer>> DueTimers(Conn& c, Millis now, int limit);
// The timer has fired: it is gone.
Result<void> DeleteTimer(Conn& c, std::int64_t id);

}  // namespace shiftdesk::store
