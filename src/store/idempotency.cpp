#include "store/idempotency.hpp"

namespace shiftdesk::store {

Result<std::optional<IdempotentCreation>> FindCreation(Conn& c, domain::UserId user, std::string_view key) {
    auto row =
        SD_TRY(c.QueryOne("SELECT request_hash, resource_id FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2",
                          {user, std::string(key)}));
    if (!row) return std::optional<IdempotentCreation>{};
    return std::optional<IdempotentCreation>{IdempotentCreation{row->Text(0), row->Int(1)}};
}

Result<void> SaveCreation(Conn& c, domain::UserId user, std::string_view key, const IdempotentCreation& creation,
                          Millis now) {
    SD_CHECK(
        c.Execute("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, resource_id, created_at) "
                  "VALUES ($1, $2, $3, $4, $5)",
                  {user, std::string(key), creation.request_hash, creation.resource_id, now}));
    return {};
}

}  // namespace shiftdesk::store
