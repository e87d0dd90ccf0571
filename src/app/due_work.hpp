// The due work: requests no lead decided in time, off-queue windows that ended, SLA warnings and breaches (R2), and
// due timers (calls, leave). Thread-safe.
#pragma once

#include "app/context.hpp"

namespace shiftdesk::app {

// What the due work found and did.
struct DueWorkReport {
    int requests_expired = 0;
    int off_queue_ended = 0;
    int timers_fired = 0;
    int sla_announced = 0;  // warnings and breaches (R2)
};

// The use case of the due work.
class DueWork : public Module {
 public:
    explicit DueWork(const Context& ctx) : Module(ctx) {}

    // Expires requests no lead decided in time and ends off-queue windows whose time has come, and fires due timers (a
    // leave's start and end). Costs in proportion to what is due (indexes on the due times), not to the size of the
    // desk.
    void RunDueWork(Done<DueWorkReport> done);
};

}  // namespace shiftdesk::app
