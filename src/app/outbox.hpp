// The outbox as its dispatcher (jobs/) sees it: claiming due deliveries under a lease, reporting how each went.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "common/delivery.hpp"
#include "store/outbox.hpp"

namespace shiftdesk::app {

// What the outbox dispatcher reports back for one delivery (never kInterrupted: an interrupted attempt is not
// reported, and goes again at the next start).
struct DeliveryReport {
    DeliveryOutcome outcome = DeliveryOutcome::kRetry;
    std::string detail;
};

// The use cases of the outbox.
class Outbox : public Module {
 public:
    explicit Outbox(const Context& ctx) : Module(ctx) {}

    // The outbox, for its dispatcher: takes up to `limit` due deliveries of a lane, each leased to `instance` for
    // `lease` (REQUIRES: longer than an attempt can take, so nothing picks it up again while it may be on its way),
    // then reports how each went.
    void ClaimOutbox(store::OutboxLane lane, std::string instance, Millis lease, int limit,
                     Done<std::vector<store::OutboxItem>> done);
    void RecordDelivery(std::int64_t id, DeliveryReport report, Done<bool> done);
    // At start: what other dispatcher instances hold leases on is due again now, since on SQLite one server owns
    // the file and every other instance has stopped. Returns how many items were released.
    void ReleaseOutboxLeases(std::string instance, Done<int> done);
    // When the lane's next delivery falls due, if anything is pending: a cheap read the dispatcher polls.
    Result<std::optional<Millis>> NextOutboxAttempt(store::OutboxLane lane);
};

}  // namespace shiftdesk::app
