// Updates on time (R2): promises to the customer and the lead's list of tickets at risk. Thread-safe.
#pragma once

#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"

namespace shiftdesk::app {

// The use cases of the SLA.
class Sla : public Module {
 public:
    explicit Sla(const Context& ctx) : Module(ctx) {}

    // Time commitments (R2). A promise to the customer: "next update by `by`".
    void Promise(const domain::Actor& actor, domain::TicketId id, Millis by, Done<domain::Ticket> done);
    // The shift lead's list of warnings and breaches, worst first.
    Result<std::vector<domain::Ticket>> AtRisk(const domain::Actor& actor, int limit);
};

}  // namespace shiftdesk::app
