#include "app/refusal_audit.hpp"

#include "store/events.hpp"

namespace shiftdesk::app {

void RefusalAudit::AuditRefusal(const domain::Actor& actor, const Error& refusal, Done<bool> done) {
    // A repeat inside its window is only counted: no commit, no cache emptied, no screen woken.
    if (!read_refusals_.Note(actor.id, refusal, clock_.Now())) return done(true);
    Write<bool>(
        actor, [refusal](store::Conn&, Millis) -> Result<bool> { return refusal; },
        [done = std::move(done)](Result<bool> r) {
            // The refusal itself is the expected outcome; only a failed commit is an error here.
            if (!r && r.error().audited()) return done(true);
            done(std::move(r));
        },
        false);
}

void RefusalAudit::FlushReadRefusals(Done<int> done) {
    auto closed = std::make_shared<std::vector<ReadRefusalLog::Summary>>(read_refusals_.TakeClosed(clock_.Now()));
    if (closed->empty()) return done(0);
    Write<int>(
        std::nullopt,
        [closed](store::Conn& c, Millis now) -> Result<int> {
            for (const auto& s : *closed) {
                domain::Event e;
                e.at = now;
                if (s.actor != 0) e.actor_id = s.actor;
                e.action = s.refusal.refusal->action;
                if (s.same_ticket) e.ticket_id = s.refusal.refusal->ticket;
                e.outcome = domain::Outcome::kRefused;
                e.rule = std::string(rule::Code(s.refusal.rule()));
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
