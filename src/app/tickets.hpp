// Tickets (R1, R2, R7, R9, R10, R11): opening, taking, assigning, status, the thread, the audit trail, and what a
// customer wrote. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "store/events.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {

struct CustomerInput {
    std::string name;
    std::string email;
    std::optional<std::string> plan;  // kept as it is for a known customer when absent; "standard" for a new one
    std::optional<bool> critical;
};

struct CreateTicketCmd {
    std::string subject;
    std::string description;
    domain::Priority priority = domain::Priority::kNormal;
    domain::Channel channel = domain::Channel::kWeb;
    CustomerInput customer;
    std::optional<domain::TicketId> parent_id;  // only through an approved new-ticket request (R9)
    std::string idempotency_key;                // optional: a retry with the same key returns the first ticket
    std::string request_hash;                   // SHA-256 of the request, to refuse a reused key with another body
};

struct CreatedTicket {
    domain::Ticket ticket;
    bool replayed = false;  // true when an Idempotency-Key returned an earlier creation
};

struct UpdateTicketCmd {
    std::optional<domain::TicketStatus> status;
    std::optional<domain::Priority> priority;
};

// What a customer's message did to its ticket (R9).
struct CustomerMessageOutcome {
    domain::ThreadEntry entry;
    domain::Ticket ticket;
    std::optional<domain::Request> followup;  // a long-closed ticket: the follow-up request for a lead
};

// The use cases of tickets.
class Tickets : public Module {
 public:
    explicit Tickets(const Context& ctx) : Module(ctx) {}

    void CreateTicket(const domain::Actor& actor, CreateTicketCmd cmd, Done<CreatedTicket> done);
    void TakeTicket(const domain::Actor& actor, domain::TicketId id, Done<domain::Ticket> done);
    void AssignTicket(const domain::Actor& actor, domain::TicketId id, domain::UserId owner, std::string note,
                      Done<domain::Ticket> done);
    void UpdateTicket(const domain::Actor& actor, domain::TicketId id, UpdateTicketCmd cmd, Done<domain::Ticket> done);
    // A public reply meets the update that was due (R2); promise_by also promises the next one.
    void AddReply(const domain::Actor& actor, domain::TicketId id, std::string body, std::optional<Millis> promise_by,
                  Done<domain::ThreadEntry> done);
    void AddNote(const domain::Actor& actor, domain::TicketId id, std::string body, Done<domain::ThreadEntry> done);
    Result<domain::Ticket> GetTicket(const domain::Actor& actor, domain::TicketId id);
    Result<std::vector<domain::Ticket>> ListTickets(const domain::Actor& actor, const store::TicketQuery& query);
    Result<std::vector<domain::ThreadEntry>> GetThread(const domain::Actor& actor, domain::TicketId id);
    Result<std::vector<store::EventRow>> GetEvents(const domain::Actor& actor, domain::TicketId id,
                                                   std::int64_t after_id, int limit);
    // What the customer wrote, relayed by staff (a call, a forwarded mail). On a long-closed ticket it does not
    // reopen it: it files an old_ticket_followup request, or flags the ticket for a lead (R9).
    void AddCustomerMessage(const domain::Actor& actor, domain::TicketId id, std::string body,
                            Done<CustomerMessageOutcome> done);
};

}  // namespace shiftdesk::app
