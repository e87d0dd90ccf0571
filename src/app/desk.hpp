// The desk's use cases, one method per command. Each write runs as one transaction on the store's writer (load ->
// policy decides -> persist changes and events together) and reports through `done` once durable; reads run on
// the caller's thread. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/credential_cache.hpp"
#include "app/read_refusals.hpp"
#include "app/login_throttle.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"
#include "policy/readiness.hpp"
#include "policy/settings.hpp"
#include "store/calls.hpp"
#include "store/db.hpp"
#include "store/events.hpp"
#include "store/leaves.hpp"
#include "store/handoff.hpp"
#include "store/notifications.hpp"
#include "store/outbox.hpp"
#include "store/requests.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {

template <class T>
using Done = std::function<void(Result<T>)>;

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

struct AddUserCmd {
    std::string login;
    std::string name;
    std::string email;
    domain::Role role = domain::Role::kEngineer;
    std::string password;
    std::string desk_phone;  // empty: none (R13)
};

struct Session {
    std::string token;  // the secret, shown once
    std::string csrf_token;
    Millis expires_at = 0;
    domain::User user;
};

struct ApiToken {
    std::string token;
    std::optional<Millis> expires_at;
    domain::User user;
};

// Who the desk's mail comes from and goes to (R5). Sending itself is the outbox dispatcher's (jobs/).
struct MailOptions {
    std::string from;          // the desk's own address, e.g. "desk@support.example"
    std::string from_name = "shiftdesk";
    std::string team_address;  // the whole support team, e.g. "support-team@support.example"
};

struct DeskOptions {
    Millis session_lifetime = 12 * kHour;  // one long shift; then sign in again
    PasswordCost password_cost;
    policy::Settings policy;
    MailOptions mail;
    // How desk phones are diverted (R13): the engineer does it and confirms, or the desk does it through the PBX.
    domain::PhoneDriverKind phone_driver = domain::PhoneDriverKind::kManual;
    // After this many failed attempts at a delivery the leads (for the phone) or the sender (for mail) are told.
    int outbox_alert_after = 3;
    // Refusals found by reads: the first of a kind (actor, action, rule) in this window is written at once, the
    // repeats are counted and summarised in one line when the window closes.
    Millis read_refusal_window = kMinute;
    std::size_t read_refusal_kinds = 10000;  // kinds remembered at once; beyond, repeats are counted together
    // After this many the desk gives up: the item fails and they are told ([mail] and [phone] max_attempts). With
    // the backoff (30 s doubling to 30 min) 12 attempts span about three hours.
    int mail_max_attempts = 12;
    int phone_max_attempts = 12;
    LoginThrottleSettings login;  // how failed sign-ins slow the next attempt ([login] in the config)
    // Test hooks (serve --test-clock only): a request can make its own command throw (ThrowInNextCommandOf).
    bool test_hooks = false;
};

// A sign-in attempt the throttle has heard (Desk::BeginLogin), for Desk::Login to finish.
struct LoginAttempt {
    std::string login;
    std::string address;  // the client's, as the throttle counts it
    LoginAdmission admission;
};

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

// What a customer's message did to its ticket (R9).
struct CustomerMessageOutcome {
    domain::ThreadEntry entry;
    domain::Ticket ticket;
    std::optional<domain::Request> followup;  // a long-closed ticket: the follow-up request for a lead
};

// Leave as planned (POST /api/v1/leaves): whole days in the team's time zone (R4).
struct PlanLeaveCmd {
    std::optional<domain::UserId> user_id;  // absent: the caller's own leave
    std::string first_day;                  // YYYY-MM-DD
    std::string last_day;                   // inclusive
    std::string kind;
    std::string note;
};

// A leave with its readiness checklist (R4), its call diversion (R13) and its newest hand-off email (R5).
struct LeaveView {
    domain::Leave leave;
    policy::Readiness readiness;
    std::optional<domain::Diversion> diversion;
    std::optional<store::OutboxItem> handoff_mail;
};

// A line of the hand-off sheet (R8) with what a reader needs beside it: the ticket, and who is who.
struct HandoffView {
    domain::HandoffEntry entry;
    domain::Ticket ticket;
    std::string from_name;
    std::string picked_up_name;  // empty while nobody has
};
struct PlaceOnSheetCmd {
    domain::TicketId ticket_id = 0;
    std::string reason;
    std::string validation;
    std::string next_step;
    std::optional<Millis> needed_by;
};
// PATCH /handoff-sheet/{id}: absent fields stay as they are; needed_by_set with no needed_by clears it.
struct UpdateHandoffCmd {
    std::optional<std::string> reason;
    std::optional<std::string> validation;
    std::optional<std::string> next_step;
    bool needed_by_set = false;
    std::optional<Millis> needed_by;
    std::optional<domain::UserId> picked_up_by;
    std::optional<std::string> state;  // "done" closes the entry
};
struct HandoffUpdate {
    HandoffView view;
    std::optional<domain::Request> request;  // an engineer picking an entry up asks a lead for the ticket (R7, R11)
};

// What the outbox dispatcher reports back for one delivery.
enum class DeliveryOutcome { kDelivered, kRetry, kPermanent };
struct DeliveryReport {
    DeliveryOutcome outcome = DeliveryOutcome::kRetry;
    std::string detail;
};

// A call's details besides its time (R3); absent fields keep their value (or their default on a new call).
struct CallDetails {
    std::optional<std::string> join_url;  // a link or a phone number
    std::optional<std::vector<std::string>> attendees;
    std::optional<std::string> topic;
};
struct ScheduleCallCmd {
    domain::TicketId ticket_id = 0;
    Millis starts_at = 0;
    int minutes = 0;
    CallDetails details;
};
struct RescheduleCallCmd {
    std::optional<Millis> starts_at;
    std::optional<int> minutes;
    CallDetails details;
};
// A call as scheduled, with what the owner's calendar says about its time (an overlap, leave): warned, not refused.
struct CallOutcome {
    domain::Call call;
    std::vector<std::string> warnings;
};

// A training or technical session as asked for (R14).
struct FileTrainingCmd {
    std::string customer_name;
    std::string customer_email;
    std::optional<std::string> plan;
    bool critical = false;
    std::string kind;
    int minutes = 0;
    std::string topic;
    std::string requested_by;
};
struct AcceptTrainingCmd {
    std::optional<domain::UserId> owner_id;  // absent: the caller runs it
    Millis starts_at = 0;
    std::string join_url;
    std::string note;
};
// The team as a lead weighs a session (R14): who is on queue, away, how loaded.
struct TeamLoad {
    domain::User user;
    std::int64_t open_tickets = 0;
    std::int64_t at_risk = 0;   // open tickets in SLA warning (R2)
    std::int64_t breached = 0;  // open tickets in SLA breach
    std::int64_t calls_next_week = 0;
};
struct TrainingOutcome {
    domain::TrainingRequest request;
    std::optional<domain::Call> call;
    std::vector<std::string> warnings;  // about the call's time in its owner's calendar
};

// What a user's calendar feed shows: their calls and sessions (R3, R14) and their leave (R4).
struct CalendarData {
    domain::User user;
    std::vector<domain::Call> calls;
    std::vector<domain::Leave> leaves;
};

// What the due work found and did.
struct DueWork {
    int requests_expired = 0;
    int off_queue_ended = 0;
    int timers_fired = 0;
    int sla_announced = 0;  // warnings and breaches (R2)
};

class Desk {
 public:
    Desk(store::Db& db, const Clock& clock, DeskOptions options = {});

    const Clock& clock() const { return clock_; }

    // People and credentials.
    void AddUser(AddUserCmd cmd, Done<domain::User> done);
    // Signing in takes two steps. BeginLogin is cheap (call it on the I/O thread): kThrottled, with the wait, when
    // failed sign-ins at this login or from this address must slow down — then nothing is checked or written —
    // and otherwise the attempt, counted as failed until Login finds the password right.
    Result<LoginAttempt> BeginLogin(std::string login, std::string address);
    // Checks the password on the caller's thread (argon2id is slow on purpose: call it off the I/O threads),
    // then records the session. A wrong login and a wrong password fail alike, with kUnauthenticated.
    void Login(LoginAttempt attempt, std::string password, Done<Session> done);
    // Revokes the token the request was signed in with.
    void Logout(const store::Credential& credential, Done<bool> done);
    void CreateApiToken(std::string login, std::string label, std::optional<Millis> lifetime, Done<ApiToken> done);
    // The user and token behind a secret; kUnauthenticated when unknown, expired or revoked.
    Result<store::Credential> Authenticate(std::string_view secret);
    Result<std::vector<domain::User>> ListUsers(const domain::Actor& actor);
    Result<domain::User> GetUser(const domain::Actor& actor, domain::UserId id);

    // Tickets (R1, R7, R9, R10, R11).
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

    // Changes whenever a change the desk shows is committed (by this server or another process); bookkeeping —
    // refusals' audit lines, sessions, outbox leases — leaves it alone. Cached pages and live screens key on it.
    Result<std::uint64_t> ChangeVersion() { return db_.ChangeVersion(); }
    // Whether the storage takes writes (a full disk, a read-only file), for the health check.
    store::StorageHealth StorageHealth() { return db_.Health(); }

    // Requests to a shift lead (R6, R7, R9, R10, R11, R12).
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
    // What the customer wrote, relayed by staff (a call, a forwarded mail). On a long-closed ticket it does not
    // reopen it: it files an old_ticket_followup request, or flags the ticket for a lead (R9).
    void AddCustomerMessage(const domain::Actor& actor, domain::TicketId id, std::string body,
                            Done<CustomerMessageOutcome> done);
    // Time commitments (R2). A promise to the customer: "next update by `by`".
    void Promise(const domain::Actor& actor, domain::TicketId id, Millis by, Done<domain::Ticket> done);
    // The shift lead's list of warnings and breaches, worst first.
    Result<std::vector<domain::Ticket>> AtRisk(const domain::Actor& actor, int limit);
    // The caller's own notifications, newest first.
    Result<std::vector<store::Notification>> ListNotifications(const domain::Actor& actor, bool unread_only,
                                                               std::optional<std::int64_t> before, int limit);
    void ReadNotification(const domain::Actor& actor, std::int64_t id, Done<bool> done);

    // Calls (R3).
    void ScheduleCall(const domain::Actor& actor, ScheduleCallCmd cmd, Done<CallOutcome> done);
    void RescheduleCall(const domain::Actor& actor, std::int64_t id, RescheduleCallCmd cmd, Done<CallOutcome> done);
    void CancelCall(const domain::Actor& actor, std::int64_t id, Done<domain::Call> done);
    void JoinCall(const domain::Actor& actor, std::int64_t id, Done<domain::Call> done);
    Result<domain::Call> GetCall(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<domain::Call>> ListCalls(const domain::Actor& actor, const store::CallQuery& query);

    // Training requests (R14).
    void FileTraining(const domain::Actor& actor, FileTrainingCmd cmd, Done<domain::TrainingRequest> done);
    void AcceptTraining(const domain::Actor& actor, std::int64_t id, AcceptTrainingCmd cmd, Done<TrainingOutcome> done);
    void DeclineTraining(const domain::Actor& actor, std::int64_t id, std::string note,
                         Done<domain::TrainingRequest> done);
    // A lead sees every request; others see what they filed and what is open to everyone.
    Result<std::vector<domain::TrainingRequest>> ListTraining(const domain::Actor& actor, store::TrainingQuery query);
    Result<domain::TrainingRequest> GetTraining(const domain::Actor& actor, std::int64_t id);
    // The team board: everyone who works tickets, on queue or not, away or not, and their load. Leads only.
    Result<std::vector<TeamLoad>> TeamLoadNow(const domain::Actor& actor);

    // Calendar feeds (RFC 5545): a new secret feed token for the user (the old one stops working), and the feed.
    void RotateCalendarToken(const domain::Actor& actor, domain::UserId user, Done<std::string> done);
    Result<CalendarData> CalendarFeed(domain::UserId user, std::string_view token);

    // Leave (R4): an engineer plans their own, a lead anyone's; the person or a lead cancels it before it ends.
    // Each answer carries the leave's readiness checklist as it stands.
    void PlanLeave(const domain::Actor& actor, PlanLeaveCmd cmd, Done<LeaveView> done);
    void CancelLeave(const domain::Actor& actor, std::int64_t id, Done<LeaveView> done);
    Result<LeaveView> GetLeave(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<LeaveView>> ListLeaves(const domain::Actor& actor, const store::LeaveQuery& query);

    // R5: writes the leave's hand-off email from its engineer's entries on the sheet and queues it for the team.
    void SendHandoffEmail(const domain::Actor& actor, std::int64_t leave_id, Done<LeaveView> done);
    // R13: where the desk phone goes during the leave; the leads are told. Confirm: the manual driver's tick.
    void SetDiversion(const domain::Actor& actor, std::int64_t leave_id, std::string target, Done<LeaveView> done);
    void ConfirmDiversion(const domain::Actor& actor, std::int64_t leave_id, Done<LeaveView> done);
    // R13: a user's desk phone extension (nullopt: none). The user themselves, a lead or an admin sets it.
    void SetDeskPhone(const domain::Actor& actor, domain::UserId user, std::optional<std::string> extension,
                      Done<domain::User> done);

    // The hand-off sheet (R8).
    void PlaceOnSheet(const domain::Actor& actor, PlaceOnSheetCmd cmd, Done<HandoffView> done);
    void UpdateHandoffEntry(const domain::Actor& actor, std::int64_t id, UpdateHandoffCmd cmd,
                            Done<HandoffUpdate> done);
    Result<HandoffView> GetHandoffEntry(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<HandoffView>> HandoffSheet(const domain::Actor& actor, const store::HandoffQuery& query);

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

    // Expires requests no lead decided in time and ends off-queue windows whose time has come, and fires due timers (a
    // leave's start and end). Costs in proportion to what is due (indexes on the due times), not to the size of the
    // desk.
    void RunDueWork(Done<DueWork> done);

    const policy::Settings& settings() const { return options_.policy; }

    // Audits a refusal that a read produced (reads cannot write themselves): the first of its kind in a window is
    // written at once, repeats are counted and summarised when the window closes (ReadRefusalLog).
    void AuditRefusal(const domain::Actor& actor, const Error& refusal, Done<bool> done);
    // Writes the summaries of refused reads whose window has closed; returns how many lines. The due work runs it.
    void FlushReadRefusals(Done<int> done);

    // Runs a write use case as one transaction: fn's changes and events commit together, or, when fn fails,
    // none of them do and only the refusal's audit line (if the error carries one) is written. `announce`: false
    // for bookkeeping that no screen shows (store::WriteJob).
    template <class T>
    void Write(std::optional<domain::Actor> actor, std::function<Result<T>(store::Conn&, Millis now)> fn, Done<T> done,
               bool announce = true);

    // Test hook, a no-op unless DeskOptions::test_hooks: the next command that `actor` asks for throws after its
    // use case ran, as a bug would, so tests can see it become a 500 with nothing of it kept.
    void ThrowInNextCommandOf(domain::UserId actor);

    // Runs a read use case on a snapshot.
    template <class T>
    Result<T> Read(const std::function<Result<T>(store::Conn&)>& fn);

 private:
    store::Db& db_;
    const Clock& clock_;
    DeskOptions options_;
    CredentialCache credentials_;
    ReadRefusalLog read_refusals_;
    LoginThrottle login_throttle_;
    std::atomic<domain::UserId> throw_for_actor_{0};  // ThrowInNextCommandOf: 0 when not armed
};

// Throws when the test hook was armed for this command's actor (and disarms it).
void ThrowIfArmed(std::atomic<domain::UserId>& armed, const std::optional<domain::Actor>& actor);

// After a failed use case was undone: writes the refusal's audit line when the error carries one. Returns false
// when the failure was the database's own (nothing to record) or the line could not be written.
bool RecordRefusal(store::Conn& c, const std::optional<domain::Actor>& actor, Millis now, const Error& error);

template <class T>
void Desk::Write(std::optional<domain::Actor> actor, std::function<Result<T>(store::Conn&, Millis now)> fn,
                 Done<T> done, bool announce) {
    struct Outcome {
        Millis now = 0;
        std::optional<Result<T>> result;
    };
    auto outcome = std::make_shared<Outcome>();
    db_.Submit(store::WriteJob{
        [this, actor, fn = std::move(fn), outcome](store::Conn& c) {
            outcome->now = clock_.Now();
            outcome->result.emplace(fn(c, outcome->now));
            if (options_.test_hooks) ThrowIfArmed(throw_for_actor_, actor);
            return outcome->result->has_value();  // a failed use case is undone by the writer
        },
        // A use case that threw was undone by the writer, which hands its text on as a kInternal commit error.
        [outcome, done = std::move(done)](Result<void> commit) {
            if (!commit) return done(commit.error());
            if (!outcome->result) return done(Internal("the command did not run"));
            done(std::move(*outcome->result));
        },
        [actor, outcome](store::Conn& c) {
            return outcome->result && RecordRefusal(c, actor, outcome->now, outcome->result->error());
        },
        announce,
    });
}

template <class T>
Result<T> Desk::Read(const std::function<Result<T>(store::Conn&)>& fn) {
    std::optional<Result<T>> out;
    SD_CHECK(db_.Read([&](store::Conn& c) -> Result<void> {
        out.emplace(fn(c));
        return {};
    }));
    return std::move(*out);
}

}  // namespace shiftdesk::app
