// A user's own notifications: the list, and marking one read. Thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "store/notifications.hpp"

namespace shiftdesk::app {

// The use cases of notifications.
class Notifications : public Module {
 public:
    explicit Notifications(const Context& ctx) : Module(ctx) {}

    // The caller's own notifications, newest first.
    Result<std::vector<store::Notification>> ListNotifications(const domain::Actor& actor, bool unread_only,
                                                               std::optional<std::int64_t> before, int limit);
    void ReadNotification(const domain::Actor& actor, std::int64_t id, Done<bool> done);
};

}  // namespace shiftdesk::app
