// The records the desk keeps: users, customers, tickets, thread entries and audit events.
// Pure value types; thread-compatible.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/mail_address.hpp"
#include "domain/types.hpp"

namespace shiftdesk::domain {

// Planned leave (R4): whole days in the team's time zone, first and last day inclusive. While it lasts the
// engineer is off every queue and cannot be assigned anything.
struct Leave {
    std::int64_t id = 0;
    UserId user_id = 0;
    std::string first_day;  // "2026-12-21", in the team's time zone
    std::string last_day;   // inclusive
    Millis starts_at = 0;   // the first day's start in the team's zone, when the leave was planned
    Millis ends_at = 0;     // the start of the day after the last day
    LeaveKind kind = LeaveKind::kVacation;
    LeaveState state = LeaveState::kPlanned;
    std::string note;
    UserId created_by = 0;
    Millis created_at = 0;
    Millis updated_at = 0;

    bool Covers(Millis t) const { return state == LeaveState::kPlanned && starts_at <= t && t < ends_at; }
};

struct User {
    UserId id = 0;
    std::string login;
    std::string name;
    std::string email;
    Role role = Role::kEngineer;
    bool active = true;
    Millis created_at = 0;
    // Off queue (R6): set by an approved request or a lead; no new ticket is routed while the window lasts.
    bool off_queue = false;
    std::optional<Millis> off_queue_until;  // absent while off queue: until a lead ends it

    std::optional<std::string> desk_phone;  // their desk phone's extension (R13), if they have one

    // The leave they are on now (R4), where the query that loaded them asked; absent otherwise.
    std::optional<Leave> on_leave;

    bool OffQueueWindow(Millis now) const { return off_queue && (!off_queue_until || *off_queue_until > now); }
    // Routed new tickets: neither off queue (R6) nor on leave (R4).
    bool OnQueue(Millis now) const { return !OffQueueWindow(now) && !on_leave; }
};

// Customers are contacts, not logins: they reach the desk by email, Intercom, phone or a web form.
struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::string plan;
    bool critical = false;
};

// A ticket's time commitments (R2). Policy clocks count business time and pause while the ticket waits on the
// customer; a promise is wall-clock and never pauses. All instants are UTC milliseconds.
struct SlaClocks {
    std::optional<Millis> first_response_due;
    std::optional<Millis> first_response_at;  // the first public reply
    // The policy's next update: the first response until there is one, then the next reply's target. Absent while
    // paused or once the ticket is solved.
    std::optional<Millis> update_due;
    std::optional<Millis> update_warn_at;
    std::optional<Millis> resolution_due;
    std::optional<Millis> resolution_warn_at;
    std::optional<Millis> promised_at;  // "next update by", as told to the customer
    // While waiting on the customer: since when, and the business time each policy clock had left.
    std::optional<Millis> paused_at;
    Millis update_left = 0;
    Millis update_warn_left = 0;
    Millis resolution_left = 0;
    Millis resolution_warn_left = 0;
    SlaState state = SlaState::kOk;
    std::optional<Millis> breached_at;  // when the current breach began
    int reported = 0;                   // thresholds already announced (policy/sla.hpp, Threshold bits)
    std::optional<Millis> check_at;     // the next instant the state can change: the due work looks then

    // The earliest of the policy's next update and the promise (R2: the earliest wins).
    std::optional<Millis> NextUpdateDue() const {
        if (update_due && promised_at) return std::min(*update_due, *promised_at);
        return update_due ? update_due : promised_at;
    }
};

struct Ticket {
    TicketId id = 0;
    std::string subject;
    std::string description;
    TicketStatus status = TicketStatus::kNew;
    Priority priority = Priority::kNormal;
    Channel channel = Channel::kWeb;
    Customer customer;
    std::optional<UserId> owner_id;
    std::optional<TicketId> parent_id;
    std::optional<Millis> due_at;  // what is due first on this ticket (R2); orders the bin
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> closed_at;
    // The lead who approved this ticket's creation or its owner, and the private note they left (R10).
    std::optional<UserId> approved_by;
    std::optional<std::int64_t> approval_entry_id;
    std::optional<std::int64_t> approval_request_id;
    std::string approval_note;  // the lead's private note on that approval (loaded with one ticket, not in lists)
    bool needs_lead = false;    // a customer wrote on it long after it closed, and no engineer owns it (R9)
    SlaClocks sla;              // loaded with one ticket; lists carry due_at and sla.state only
};

// A request to a shift lead: assignment (R7, R11), a new or child ticket (R9, R12), off-queue time (R6).
struct Request {
    std::int64_t id = 0;
    RequestKind kind = RequestKind::kAssignment;
    RequestState state = RequestState::kPending;
    UserId requester_id = 0;
    std::optional<TicketId> ticket_id;
    std::optional<UserId> owner_id;  // assignment: who should get the ticket (absent: "take it off me")
    std::string reason;              // why; for a new ticket, multiple_issues or old_ticket_followup
    std::string subject;             // new ticket only
    std::string description;         // new ticket only
    bool new_issue = false;          // new ticket: an entirely new issue stays with its creator (R12)
    int hours = 0;                   // off queue only
    Millis created_at = 0;
    Millis expires_at = 0;  // a pending request no lead decided by then expires
    std::optional<UserId> decided_by;
    std::optional<Millis> decided_at;
    std::string decision_note;
    std::optional<TicketId> result_ticket_id;  // the child ticket an approved new-ticket request created
    Millis updated_at = 0;
};

// A customer call (R3): against a ticket and owned by its owner, or an accepted training session (R14).
struct Call {
    std::int64_t id = 0;
    std::optional<TicketId> ticket_id;
    UserId owner_id = 0;
    Millis starts_at = 0;
    int minutes = 0;
    std::string join_url;  // an https, http, tel, sip or sips link, or empty (app/validation.hpp CheckJoinUrl)
    std::vector<std::string> attendees;
    std::string topic;
    CallState state = CallState::kScheduled;
    std::optional<Attendance> attendance;
    std::optional<Millis> joined_at;
    int sequence = 0;  // bumped on every change, so calendar apps update their copy
    std::optional<std::int64_t> training_request_id;
    UserId created_by = 0;
    Millis created_at = 0;
    Millis updated_at = 0;

    Millis EndsAt() const { return starts_at + minutes * kMinute; }
};

// A session a customer or the success team asked for (R14).
struct TrainingRequest {
    std::int64_t id = 0;
    std::string customer_name;
    std::string customer_email;
    std::string plan;
    bool critical = false;
    TrainingKind kind = TrainingKind::kTechnicalSession;
    int minutes = 0;
    std::string topic;
    std::string requested_by;  // who asked: the customer's contact, or someone in the success team
    TrainingRoute route = TrainingRoute::kOpen;
    TrainingState state = TrainingState::kWaiting;
    UserId filed_by = 0;
    std::optional<UserId> owner_id;
    std::optional<std::int64_t> call_id;
    std::optional<UserId> decided_by;
    std::string decision_note;
    Millis created_at = 0;
    Millis updated_at = 0;
};

// A line of the hand-off sheet (R8): a ticket its owner asks the team to carry on with.
struct HandoffEntry {
    std::int64_t id = 0;
    TicketId ticket_id = 0;
    UserId from_user_id = 0;
    HandoffReason reason = HandoffReason::kNeedsAttention;
    std::string validation;  // what was checked so far
    std::string next_step;
    std::optional<Millis> needed_by;
    std::optional<UserId> picked_up_by;
    std::optional<Millis> picked_up_at;
    HandoffState state = HandoffState::kOpen;
    Millis created_at = 0;
    Millis updated_at = 0;
};

// Where a desk phone forwards while its engineer is on leave (R13).
struct Diversion {
    std::int64_t id = 0;
    std::int64_t leave_id = 0;
    UserId user_id = 0;
    std::string extension;
    std::string target;  // a colleague's extension or the team line
    PhoneDriverKind driver = PhoneDriverKind::kManual;
    DiversionState state = DiversionState::kPlanned;
    std::optional<Millis> confirmed_at;
    std::optional<Millis> applied_at;
    std::optional<Millis> removed_at;
    std::string last_error;
    Millis created_at = 0;
    Millis updated_at = 0;
};

struct ThreadEntry {
    std::int64_t id = 0;
    TicketId ticket_id = 0;
    EntryKind kind = EntryKind::kNote;
    std::optional<UserId> author_id;  // absent for customer messages
    std::string author_name;
    std::string author_email;
    std::string body;
    Millis created_at = 0;
    Channel channel = Channel::kWeb;  // how it came in or went out
    // Email only: the addresses as the message had them, its Message-ID (a customer's, or the one the desk gave
    // its reply), and, for a reply sent by email, what became of it.
    std::optional<MailAddress> mail_from;
    std::vector<MailAddress> mail_to, mail_cc;
    std::string message_id;
    std::optional<Delivery> delivery;
};

// A field's value before or after a change, as the audit trail shows it.
using FieldValue = std::variant<std::monostate, std::int64_t, bool, std::string>;

struct FieldChange {
    std::string field;
    std::optional<FieldValue> before;  // absent when the field did not exist before (a creation)
    FieldValue after;
};

enum class Outcome { kDone, kRefused };
inline constexpr NameTable<Outcome, 2> kOutcomeNames{{{Outcome::kDone, "done"}, {Outcome::kRefused, "refused"}}};

// One line of the audit trail: every change and every refusal (who, when, what, which rule).
struct Event {
    std::int64_t id = 0;
    Millis at = 0;
    std::optional<UserId> actor_id;
    std::string action;  // "ticket.assigned", "session.created", ...
    std::optional<TicketId> ticket_id;
    std::optional<std::int64_t> request_id;  // events about a request to a lead
    Outcome outcome = Outcome::kDone;
    std::string rule;     // the rule that allowed or refused it, "R11"
    std::string message;  // for refusals: why
    std::vector<FieldChange> changes;
};

}  // namespace shiftdesk::domain
