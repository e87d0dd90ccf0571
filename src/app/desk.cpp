#include "app/desk.hpp"

#include <stdexcept>

#include "store/events.hpp"

namespace shiftdesk::app {

Desk::Desk(store::Db& db, const Clock& clock, DeskOptions options)
    : db_(db),
      clock_(clock),
      options_(options),
      read_refusals_(options_.read_refusal_window, options_.read_refusal_kinds),
      login_throttle_(options_.login) {}

bool RecordRefusal(store::Conn& c, const std::optional<domain::Actor>& actor, Millis now, const Error& error) {
    if (IsStorageFailure(error.code)) return false;
    if (error.audit_action.empty()) return true;
    domain::Event e;
    e.at = now;
    if (actor) e.actor_id = actor->id;
    e.action = error.audit_action;
    e.ticket_id = error.audit_ticket;
    e.request_id = error.audit_request;
    e.outcome = domain::Outcome::kRefused;
    e.rule = error.rule;
    e.message = error.message;
    return static_cast<bool>(store::AppendEvent(c, e));
}

void Desk::ThrowInNextCommandOf(domain::UserId actor) {
    if (options_.test_hooks) throw_for_actor_.store(actor);
}

void ThrowIfArmed(std::atomic<domain::UserId>& armed, const std::optional<domain::Actor>& actor) {
    if (!actor) return;
    domain::UserId expected = actor->id;
    if (armed.compare_exchange_strong(expected, 0)) {
        throw std::runtime_error("X-Test-Throw: the test asked this command to throw");
    }
}

void Desk::AuditRefusal(const domain::Actor& actor, const Error& refusal, Done<bool> done) {
    // A repeat inside its window is only counted: no commit, no cache emptied, no screen woken.
    if (!read_refusals_.Note(actor.id, refusal, clock_.Now())) return done(true);
    Write<bool>(
        actor, [refusal](store::Conn&, Millis) -> Result<bool> { return refusal; },
        [done = std::move(done)](Result<bool> r) {
            // The refusal itself is the expected outcome; only a failed commit is an error here.
            if (!r && !r.error().audit_action.empty()) return done(true);
            done(std::move(r));
        },
        false);
}

void Desk::FlushReadRefusals(Done<int> done) {
    auto closed = std::make_shared<std::vector<ReadRefusalLog::Summary>>(read_refusals_.TakeClosed(clock_.Now()));
    if (closed->empty()) return done(0);
    Write<int>(
        std::nullopt,
        [closed](store::Conn& c, Millis now) -> Result<int> {
            for (const auto& s : *closed) {
                domain::Event e;
                e.at = now;
                if (s.actor != 0) e.actor_id = s.actor;
                e.action = s.refusal.audit_action;
                if (s.same_ticket) e.ticket_id = s.refusal.audit_ticket;
                e.outcome = domain::Outcome::kRefused;
                e.rule = s.refusal.rule;
                e.message = s.refusal.message + " (refused " + std::to_string(s.repeats) + " more time" +
                            (s.repeats == 1 ? "" : "s") + " in the same window)";
                e.changes = {{"repeats", {}, s.repeats}, {"first_at", {}, s.first_at}, {"last_at", {}, s.last_at}};
                SD_CHECK(store::AppendEvent(c, e));
            }
            return static_cast<int>(closed->size());
        },
        std::move(done), false);
}

}  // namespace shiftdesk::app
