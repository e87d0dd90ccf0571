// Customer calls (R3) and training requests (R14). Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<domain::Call> InsertCall(Conn& c, domain::Call call);
Result<std::optional<domain::Call>> FindCall(Conn& c, std::int64_t id);
Result<void> UpdateCall(Conn& c, const domain::Call& call);
// The owner's scheduled calls that share time with [from, to), other than `except`.
Result<std::vector<domain::Call>> OverlappingCalls(Conn& c, domain::UserId owner, Millis from, Millis to,
                                                   std::int64_t except);

struct CallQuery {
    std::optional<domain::UserId> owner_id;
    std::optional<domain::TicketId> ticket_id;
    std::optional<Millis> from;  // calls that end after this
    std::optional<Millis> to;    // and start before this
    bool include_cancelled = true;
    int limit = 500;
};
// In order of start.
Result<std::vector<domain::Call>> ListCalls(Conn& c, const CallQuery& q);

Result<domain::TrainingRequest> InsertTraining(Conn& c, domain::TrainingRequest t);
Result<std::optional<domain::TrainingRequest>> FindTraining(Conn& c, std::int64_t id);
// Only a waiting request is decided; false when someone decided it meanwhile.
Result<bool> DecideTraining(Conn& c, const domain::TrainingRequest& t);

struct TrainingQuery {
    std::optional<domain::TrainingState> state;
    std::optional<domain::TrainingRoute> route;
    std::optional<domain::UserId> filed_by;  // filed by them or given to them; with open_too, or open to everyone
    bool open_too = false;
    int limit = 200;
};
// Oldest first.
Result<std::vector<domain::TrainingRequest>> ListTraining(Conn& c, const TrainingQuery& q);

}  // namespace shiftdesk::store
