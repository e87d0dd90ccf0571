// What a customer's message does to its ticket, whoever brings it in: staff relaying it, or the mail channel with
// no actor at all. Runs inside the caller's command.
#pragma once

#include <optional>

#include "app/tickets.hpp"
#include "domain/entities.hpp"
#include "policy/settings.hpp"
#include "store/db.hpp"

namespace shiftdesk::app {

// After `entry` (the customer's message, already in the thread) was added to `t`: a ticket closed longer ago than the policy allows is not reopened — its last owner files a follow-up
// request, or a lead is flagged (R9); a closed, solved or waiting ticket is open again with its clocks running
// (R2), back in the queue when nobody owned it (R1); otherwise the ticket is touched. Records the reopening.
Result<CustomerMessageOutcome> ApplyCustomerMessage(store::Conn& c, std::optional<domain::UserId> actor, Millis now,
                                                    const policy::Settings& settings, domain::Ticket t,
                                                    domain::ThreadEntry entry);

}  // namespace shiftdesk::app
