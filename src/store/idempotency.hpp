// What a POST with an Idempotency-Key created, so that a retry gets the same thing instead of a second one.
#pragma once

#include <optional>
#include <string>

#include "domain/types.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

struct IdempotentCreation {
    std::string request_hash;  // SHA-256 of the request body: the same key with another body is refused
    std::int64_t resource_id = 0;
};

Result<std::optional<IdempotentCreation>> FindCreation(Conn& c, domain::UserId user, std::string_view key);
Result<void> SaveCreation(Conn& c, domain::UserId user, std::string_view key, const IdempotentCreation& creation,
                          Millis now);

}  // namespace shiftdesk::store
