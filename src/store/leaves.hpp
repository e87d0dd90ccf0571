// Planned leave (R4). Functions run on the caller's Conn.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<domain::Leave> InsertLeave(Conn& c, domain::Leave leave);
Result<std::optional<domain::Leave>> FindLeave(Conn& c, std::int64_t id);
Result<void> UpdateLeaveState(Conn& c, const domain::Leave& leave);

// A planned leave of the user that shares an instant with [starts_at, ends_at), if any (the earliest).
Result<std::optional<domain::Leave>> OverlappingLeave(Conn& c, domain::UserId user, Millis starts_at, Millis ends_at);
// The planned leave the user is on at `now`, if any.
Result<std::optional<domain::Leave>> LeaveAt(Conn& c, domain::UserId user, Millis now);
// Everyone on planned leave at `now`, by user.
Result<std::map<domain::UserId, domain::Leave>> LeavesAt(Conn& c, Millis now);

struct LeaveQuery {
    std::optional<Millis> from;  // leave that ends after this
    std::optional<Millis> to;    // and starts before this
    std::optional<domain::UserId> user_id;
    bool include_cancelled = false;
    int limit = 1000;
};
// In order of start, then id. A period's leave is a short list: no cursor, a limit.
Result<std::vector<domain::Leave>> ListLeaves(Conn& c, const LeaveQuery& q);

}  // namespace shiftdesk::store
