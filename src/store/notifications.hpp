// What the desk tells a person (an SLA warning, a breach escalated to the leads, a call reminder, a missed call).
// Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/types.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

struct Notification {
    std::int64_t id = 0;
    domain::UserId user_id = 0;
    std::string kind;  // "sla.warning", "sla.breached", "call.reminder", "call.missed", ...
    std::optional<domain::TicketId> ticket_id;
    std::optional<std::int64_t> call_id;
    std::string rule;  // "R2"
    std::string message;
    Millis created_at = 0;
    std::optional<Millis> read_at;
};

Result<void> InsertNotification(Conn& c, const Notification& n);
// Newest first; `before_id` pages back.
Result<std::vector<Notification>> ListNotifications(Conn& c, domain::UserId user, bool unread_only,
                                                    std::optional<std::int64_t> before_id, int limit);
// Marks the user's notification read; false when it is not theirs or does not exist.
Result<bool> MarkNotificationRead(Conn& c, domain::UserId user, std::int64_t id, Millis now);
// The active shift leads: who escalations go to.
Result<std::vector<domain::UserId>> ActiveLeads(Conn& c);

}  // namespace shiftdesk::store
