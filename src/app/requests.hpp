// Requests to a shift lead (R6, R7, R9, R10, R11, R12) and a lead's direct off-queue decision (R6). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "store/events.hpp"
#include "store/requests.hpp"

namespace shiftdesk::app {

// A request to a shift lead as it is filed (POST /api/v1/requests).
struct FileRequestCmd {
    domain::RequestKind kind = domain::RequestKind::kAssignment;
    std::optional<domain::TicketId> ticket_id;
    std::optional<domain::UserId> owner_id;
    std::string reason;
    std::string subject;
    std::string description;
    bool new_issue = true;
    int hours = 0;
};

// A lead's decision: the note is required (R10); owner_id names who gets the ticket.
struct DecisionCmd {
    std::string note;
    std::optional<domain::UserId> owner_id;
};

// A request with what a lead needs to decide it: the ticket, who asks and their load, how old the parent is.
struct RequestView {
    domain::Request request;
    std::optional<domain::Ticket> ticket;
    domain::User requester;
    std::int64_t requester_open_tickets = 0;
};

// The use cases of requests to a lead.
class Requests : public Module {
 public:
    explicit Requests(const Context& ctx) : Module(ctx) {}

    void FileRequest(const domain::Actor& actor, FileRequestCmd cmd, Done<domain::Request> done);
    void ApproveRequest(const domain::Actor& actor, std::int64_t id, DecisionCmd cmd, Done<domain::Request> done);
    void DenyRequest(const domain::Actor& actor, std::int64_t id, DecisionCmd cmd, Done<domain::Request> done);
    void WithdrawRequest(const domain::Actor& actor, std::int64_t id, Done<domain::Request> done);
    // A lead sees every request; anyone else only their own.
    Result<std::vector<RequestView>> ListRequests(const domain::Actor& actor, store::RequestQuery query);
    Result<RequestView> GetRequest(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<store::EventRow>> GetRequestEvents(const domain::Actor& actor, std::int64_t id);
    // R6: a lead puts someone off queue (until a time, or until ended) or back on queue.
    void SetQueue(const domain::Actor& actor, domain::UserId user, bool on_queue, std::optional<Millis> until,
                  Done<domain::User> done);
};

}  // namespace shiftdesk::app
