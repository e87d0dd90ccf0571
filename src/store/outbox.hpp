// The outbox: side effects outside the database (mail, the phone system) written in the transaction of the command
// that causes them, and delivered afterwards by the dispatcher with retries. Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/enum_names.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

enum class OutboxState { kPending, kDelivered, kFailed, kCancelled };
std::string_view ToString(OutboxState s);

// What an item delivers: the hand-off email, a reply to a customer, a diversion applied or removed. The names are
// the outbox's `kind` column.
enum class OutboxKind { kMail, kReplyMail, kDiversionApply, kDiversionRemove };
inline constexpr domain::NameTable<OutboxKind, 4> kOutboxKindNames{{
    {OutboxKind::kMail, "mail"},
    {OutboxKind::kReplyMail, "reply.mail"},
    {OutboxKind::kDiversionApply, "diversion.apply"},
    {OutboxKind::kDiversionRemove, "diversion.remove"},
}};
inline std::string_view ToString(OutboxKind k) { return domain::NameOf(kOutboxKindNames, k); }

// Mail and the phone system are delivered on separate lanes, so a slow mail server never holds up a diversion.
enum class OutboxLane { kMail, kPhone };

struct OutboxItem {
    std::int64_t id = 0;
    OutboxKind kind = OutboxKind::kMail;
    std::int64_t subject_id = 0;
    std::vector<std::string> recipients;  // mail: envelope recipients
    std::string payload;                  // mail: the whole message
    OutboxState state = OutboxState::kPending;
    int attempts = 0;
    Millis next_attempt_at = 0;
    std::string last_error;
    Millis created_at = 0;
    std::optional<Millis> delivered_at;
    std::string claimed_by;  // the dispatcher instance holding the lease; empty when nobody does
    bool gave_up = false;    // failed because its attempts ran out, not because it was refused
};

Result<OutboxItem> InsertOutbox(Conn& c, OutboxItem item);
Result<std::optional<OutboxItem>> FindOutbox(Conn& c, std::int64_t id);
Result<void> UpdateOutbox(Conn& c, const OutboxItem& item);
// Pending items of the lane whose next attempt has come, oldest first.
Result<std::vector<OutboxItem>> DueOutbox(Conn& c, OutboxLane lane, Millis now, int limit);
// Pending items leased by any dispatcher instance other than `instance`.
Result<std::vector<OutboxItem>> LeasedByOthers(Conn& c, std::string_view instance);
// The newest item of this kind about this subject, if any.
Result<std::optional<OutboxItem>> LatestOutbox(Conn& c, OutboxKind kind, std::int64_t subject_id);
// Cancels what is still pending of this kind about this subject; returns how many.
Result<std::int64_t> CancelPendingOutbox(Conn& c, OutboxKind kind, std::int64_t subject_id);
// The lane's earliest pending attempt, if any: the dispatcher sleeps until then.
Result<std::optional<Millis>> NextOutboxAttempt(Conn& c, OutboxLane lane);

}  // namespace shiftdesk::store
