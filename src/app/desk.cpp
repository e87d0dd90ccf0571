#include "app/desk.hpp"

#include "store/events.hpp"

namespace shiftdesk::app {

Desk::Desk(store::Db& db, const Clock& clock, DeskOptions options)
    : db_(db), clock_(clock), options_(options), login_throttle_(options_.login) {}

bool RecordRefusal(store::Conn& c, const std::optional<domain::Actor>& actor, Millis now, const Error& error) {
    if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kBusy) return false;
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

void Desk::AuditRefusal(const domain::Actor& actor, const Error& refusal, Done<bool> done) {
    Write<bool>(
        actor, [refusal](store::Conn&, Millis) -> Result<bool> { return refusal; },
        [done = std::move(done)](Result<bool> r) {
            // The refusal itself is the expected outcome; only a failed commit is an error here.
            if (!r && !r.error().audit_action.empty()) return done(true);
            done(std::move(r));
        });
}

}  // namespace shiftdesk::app
