// The hand-off sheet (R8) and each leave's call diversion (R13). Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<domain::HandoffEntry> InsertHandoffEntry(Conn& c, domain::HandoffEntry e);
Result<std::optional<domain::HandoffEntry>> FindHandoffEntry(Conn& c, std::int64_t id);
Result<void> UpdateHandoffEntry(Conn& c, const domain::HandoffEntry& e);
// The ticket's entry that is not done yet, if any (a ticket is on the sheet once at a time).
Result<std::optional<domain::HandoffEntry>> LiveHandoffEntry(Conn& c, domain::TicketId ticket);

struct HandoffQuery {
    std::vector<domain::HandoffState> states;  // empty: any
    std::optional<domain::UserId> from_user_id;
    std::optional<domain::UserId> picked_up_by;
    std::optional<domain::HandoffReason> reason;
    int limit = 1000;
};
// Open entries first by what is needed first (entries without a time last), then by id.
Result<std::vector<domain::HandoffEntry>> ListHandoffEntries(Conn& c, const HandoffQuery& q);

Result<domain::Diversion> InsertDiversion(Conn& c, domain::Diversion d);
Result<void> UpdateDiversion(Conn& c, const domain::Diversion& d);
Result<std::optional<domain::Diversion>> FindDiversion(Conn& c, std::int64_t id);
Result<std::optional<domain::Diversion>> DiversionOfLeave(Conn& c, std::int64_t leave_id);

}  // namespace shiftdesk::store
