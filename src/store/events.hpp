// The audit trail: append-only events, read per ticket. Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<std::int64_t> AppendEvent(Conn& c, const domain::Event& event);

struct EventRow {
    domain::Event event;
    std::string actor_login;  // "" when no user acted (a customer, the system)
    std::string before_json;  // {"field": value, ...}
    std::string after_json;
};

// Events of one ticket (or all events when ticket is empty), oldest first, after the given id.
Result<std::vector<EventRow>> ListEvents(Conn& c, std::optional<domain::TicketId> ticket, std::int64_t after_id,
                                         int limit);

}  // namespace shiftdesk::store
