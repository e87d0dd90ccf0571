// Applying an allowed change to a ticket: the new ticket and the field changes the audit trail records.
// Pure; thread-safe.
#pragma once

#include <vector>

#include "domain/entities.hpp"

namespace shiftdesk::domain {

struct Changed {
    Ticket ticket;
    std::vector<FieldChange> changes;
};

// A ticket that gets an owner starts being worked: new becomes open (R1).
Changed WithOwner(const Ticket& t, UserId owner, Millis now);
Changed WithStatus(const Ticket& t, TicketStatus status, Millis now);
Changed WithPriority(const Ticket& t, Priority priority, Millis now);
// A public reply or a note changes no field but the ticket's updated time.
Changed Touched(const Ticket& t, Millis now);

}  // namespace shiftdesk::domain
