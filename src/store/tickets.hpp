// Tickets, their customers and their threads. Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<std::optional<domain::Ticket>> FindTicket(Conn& c, domain::TicketId id);
// Inserts the ticket (its customer must already have an id); returns it with its id.
Result<domain::Ticket> InsertTicket(Conn& c, domain::Ticket ticket);
// Writes the ticket's mutable fields: status, priority, owner, due time, updated time.
Result<void> UpdateTicket(Conn& c, const domain::Ticket& ticket);
// Tickets whose SLA state can change by `now` (sla_check_at has come), earliest first.
Result<std::vector<domain::TicketId>> TicketsDueForSla(Conn& c, Millis now, int limit);
// Tickets in warning or breach, worst first: breaches (oldest first), then warnings (due first).
Result<std::vector<domain::TicketId>> TicketsAtRisk(Conn& c, int limit);

Result<std::optional<domain::Customer>> FindCustomerByEmail(Conn& c, std::string_view email);
// Creates the customer when `known` (the record found by e-mail address) is empty, else updates what changed.
Result<domain::Customer> SaveCustomer(Conn& c, domain::Customer customer, const std::optional<domain::Customer>& known,
                                      Millis now);

// Where a page of a ticket list starts: after this sort key.
struct TicketCursor {
    std::int64_t due_key = 0;
    domain::TicketId id = 0;
};

struct TicketQuery {
    std::optional<domain::UserId> owner_id;      // tickets of this owner (the bin)
    bool no_owner = false;                       // tickets nobody owns, in any status
    bool unowned_only = false;                   // the queue: new tickets nobody owns, oldest first
    std::vector<domain::TicketStatus> statuses;  // empty: any status
    int limit = 50;
    std::optional<TicketCursor> after;
};

// The sort key of a ticket in lists other than the queue: due time first, tickets without one last.
std::int64_t DueKey(const domain::Ticket& t);

// Rows come without description (lists show summaries). The queue orders by id; every other list by due key, id.
Result<std::vector<domain::Ticket>> ListTickets(Conn& c, const TicketQuery& query);

// The one statement ListTickets runs for `query`, with its parameters (the tests read its query plan).
struct SqlStatement {
    std::string sql;
    Params params;
};
SqlStatement ListTicketsStatement(const TicketQuery& query);

Result<domain::ThreadEntry> InsertEntry(Conn& c, domain::ThreadEntry entry);
Result<std::vector<domain::ThreadEntry>> ListThread(Conn& c, domain::TicketId id);

}  // namespace shiftdesk::store
