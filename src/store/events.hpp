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

struct EventQuery {
    std::optional<domain::TicketId> ticket;  // events of this ticket
    std::optional<std::int64_t> request;     // events of this request
    std::int64_t after_id = 0;               // oldest first, after this id
    int limit = 200;
};
Result<std::vector<EventRow>> ListEvents(Conn& c, const EventQuery& q);

}  // namespace shiftdesk::store
