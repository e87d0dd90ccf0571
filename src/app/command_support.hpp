// Helpers the use cases share: loading a ticket, turning a policy refusal into an audited error, recording events.
#pragma once

#include "domain/entities.hpp"
#include "domain/ticket_changes.hpp"
#include "policy/decision.hpp"
#include "policy/settings.hpp"
#include "policy/sla.hpp"
#include "policy/ticket_policy.hpp"
#include "store/db.hpp"
#include "store/timers.hpp"

namespace shiftdesk::app {

// The ticket, or kNotFound.
Result<domain::Ticket> LoadTicket(store::Conn& c, domain::TicketId id);

policy::TicketFacts FactsOf(const domain::Ticket& t);

// A refused decision as an error that names its rule and is written to the audit trail as `action`.
Error Refuse(const policy::Decision& d, std::string_view action, std::optional<domain::TicketId> ticket);
// A refused decision as an error that names its rule (if any) and is not audited: what a screen asks as it draws.
Error RefuseUnaudited(const policy::Decision& d);
// A refused value: a kInvalid error about `field` that names the rule bounding it; not audited.
Error RefuseField(const policy::Decision& d, std::string field);

// Appends a "done" event.
Result<void> Record(store::Conn& c, const domain::Actor& actor, Millis now, std::string_view action,
                    std::optional<domain::TicketId> ticket, rule::Id rule, std::vector<domain::FieldChange> changes);

// What an event is about, beyond the ticket: a request to a lead.
struct EventAbout {
    std::optional<domain::TicketId> ticket;
    std::optional<std::int64_t> request;
};
// Appends a "done" event; actor absent when the desk acts by itself (an expiry, the end of a window).
Result<void> RecordEvent(store::Conn& c, std::optional<domain::UserId> actor, Millis now, std::string_view action,
                         EventAbout about, rule::Id rule, std::vector<domain::FieldChange> changes);

// Writes a changed ticket and the event that records the change.
Result<domain::Ticket> PersistChange(store::Conn& c, const domain::Actor& actor, Millis now, std::string_view action,
                                     rule::Id rule, domain::Changed changed);

// Adds a reply or a note to the thread, touches the ticket and records the event: every way an entry is written.
Result<domain::ThreadEntry> AddThreadEntry(store::Conn& c, const domain::Actor& actor, Millis now,
                                           const domain::Ticket& t, domain::EntryKind kind, std::string body,
                                           std::string_view action, rule::Id rule);

// A lead's approval on a ticket (R10): their note as a private note, and the ticket marks who approved it and
// through which request (none when the lead acted directly). Returns the ticket as written.
Result<domain::Ticket> MarkApproved(store::Conn& c, const domain::Actor& lead, Millis now, domain::Ticket t,
                                    std::string note, std::optional<std::int64_t> request_id);

// Gives the ticket to `owner` as the rulebook allows (R1, R7, R11). A lead's assignment — direct, or the approval
// of request_id — is an approval and leaves the lead's note on the ticket (R10); absent a note, one saying who
// assigned it to whom. Refusals are audited against the ticket and the request.
Result<domain::Ticket> AssignInCommand(store::Conn& c, const domain::Actor& actor, Millis now, domain::TicketId id,
                                       domain::UserId owner, std::string note, std::optional<std::int64_t> request_id);

// Files a request to a shift lead inside a command (checks the fields, asks the rulebook, writes it with its event).
struct FileRequestCmd;
Result<domain::Request> FileRequestInCommand(store::Conn& c, const policy::Settings& settings,
                                             const domain::Actor& actor, const FileRequestCmd& cmd, Millis now);

// Routes a new, unowned ticket by the policy (R1): manual leaves it in the queue; round_robin and least_loaded
// give it to an active engineer who is on queue and below the open-ticket cap. The decision, with its reason, is an
// event either way. Returns the ticket as it is now.
Result<domain::Ticket> RouteNewTicket(store::Conn& c, const policy::Settings& settings, domain::Ticket t, Millis now);

// R2: a ticket's SLA context under the team's policy (the calendar and the ticket's targets).
Result<policy::SlaContext> SlaContextFor(const policy::Settings& settings, const domain::Ticket& t);
// due_at (the bin's order) follows the clocks: what is due first.
void SyncDue(domain::Ticket& t);
// A status change with what it does to the clocks: waiting on the customer pauses them, solving stops them,
// reopening restarts them (R2).
Result<domain::Changed> WithStatusAndSla(const policy::Settings& settings, const domain::Ticket& t,
                                         domain::TicketStatus to, Millis now);
// One notification to each of `users`.
Result<void> Notify(store::Conn& c, const std::vector<domain::UserId>& users, std::string_view kind,
                    std::optional<domain::TicketId> ticket, std::optional<std::int64_t> call, rule::Id rule,
                    const std::string& message, Millis now);
// The due work of the SLA engine: up to `limit` tickets whose check time has come; announces what they crossed.
Result<int> AnnounceSlaDue(store::Conn& c, const policy::Settings& settings, Millis now, int limit);

// Calls (R3): writes a new call with its reminders and end, and the event; warns about overlaps and leave.
struct CallOutcome;
Result<CallOutcome> ScheduleCallIn(store::Conn& c, const policy::Settings& settings, const domain::Actor& actor,
                                   Millis now, domain::Call call);
bool IsCallTimer(const store::Timer& timer);
// A reminder, the start, or the end (a missed call when nobody joined).
Result<void> FireCallTimer(store::Conn& c, const store::Timer& timer, Millis now);

// Leave (R4): the leave with its readiness checklist, diversion and hand-off email, as it stands; the checklist
// speaks of times in the team's zone (the policy's calendar).
struct LeaveView;
Result<LeaveView> ViewOfLeave(store::Conn& c, domain::Leave leave, const policy::Settings& settings);
// R8: a ticket on the hand-off sheet that changes owner is picked up by its new owner.
Result<void> PickUpOnReassignment(store::Conn& c, const domain::Actor& actor, Millis now, const domain::Ticket& t);
// The outbox's diversion work at a leave's start and end (R13).
Result<void> ApplyDiversionAtStart(store::Conn& c, const domain::Leave& leave, Millis now);
Result<void> RemoveDiversionAtEnd(store::Conn& c, const domain::Leave& leave, Millis now);
// A cancelled leave's diversion that never reached the phone is cancelled with it.
Result<void> CancelPlannedDiversion(store::Conn& c, const domain::Leave& leave, Millis now);

// Leave (R4). The leave the user is on now, onto the user (engineers and leads only).
Result<void> AttachLeave(store::Conn& c, domain::User& user, Millis now);
bool IsLeaveTimer(const store::Timer& timer);
// Records a leave's start or end (a no-op for a leave cancelled meanwhile).
Result<void> FireLeaveTimer(store::Conn& c, const policy::Settings& settings, const store::Timer& timer, Millis now);

}  // namespace shiftdesk::app
