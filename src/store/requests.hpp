// Requests to a shift lead, and the figures the lead decides with. Functions run on the caller's Conn.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<domain::Request> InsertRequest(Conn& c, domain::Request r);
Result<std::optional<domain::Request>> FindRequest(Conn& c, std::int64_t id);
// Moves a pending request to its decided state (and the owner the lead chose); kConflict when it is no longer
// pending (someone was faster).
Result<void> DecideRequest(Conn& c, const domain::Request& decided);
Result<bool> HasPendingRequest(Conn& c, domain::UserId requester, domain::RequestKind kind,
                               std::optional<domain::TicketId> ticket);

struct RequestQuery {
    std::optional<domain::RequestState> state;
    std::optional<domain::UserId> requester_id;  // engineers see their own
    std::optional<domain::TicketId> ticket_id;   // requests about one ticket
    std::int64_t after_id = 0;                    // oldest first, after this id
    int limit = 50;
};
Result<std::vector<domain::Request>> ListRequests(Conn& c, const RequestQuery& q);
// Pending requests whose time ran out: the due work of the inbox.
Result<std::vector<domain::Request>> ExpiredPendingRequests(Conn& c, Millis now, int limit);

// Open tickets (open, pending, on hold) each of these users owns: their load.
Result<std::map<domain::UserId, std::int64_t>> OpenTicketCounts(Conn& c, const std::vector<domain::UserId>& users);
// Of those open tickets, how many are in SLA warning and how many in breach (R2).
struct SlaCounts {
    std::int64_t warning = 0;
    std::int64_t breached = 0;
};
Result<std::map<domain::UserId, SlaCounts>> OpenSlaCounts(Conn& c, const std::vector<domain::UserId>& users);
// Active engineers who are on queue at `now`, by id: who routing may give a ticket to.
Result<std::vector<domain::UserId>> EngineersOnQueue(Conn& c, Millis now);

// Named values kept between commands (desk_state).
Result<std::optional<std::int64_t>> ReadDeskState(Conn& c, std::string_view name);
Result<void> WriteDeskState(Conn& c, std::string_view name, std::int64_t value);

}  // namespace shiftdesk::store
