#include "app/command_runner.hpp"

#include <stdexcept>

#include "store/events.hpp"

namespace shiftdesk::app {

CommandRunner::CommandRunner(store::Db& db, const Clock& clock, bool test_hooks)
    : db_(db), clock_(clock), test_hooks_(test_hooks) {}

void CommandRunner::ThrowInNextCommandOf(domain::UserId actor) {
    if (test_hooks_) throw_for_actor_.store(actor);
}

void CommandRunner::ThrowIfArmed(const std::optional<domain::Actor>& actor) {
    if (!actor) return;
    domain::UserId expected = actor->id;
    if (throw_for_actor_.compare_exchange_strong(expected, 0)) {
        throw std::runtime_error("X-Test-Throw: the test asked this command to throw");
    }
}

bool RecordRefusal(store::Conn& c, const std::optional<domain::Actor>& actor, Millis now, const Error& error) {
    if (IsStorageFailure(error.code)) return false;
    if (!error.audited()) return true;
    domain::Event e;
    e.at = now;
    if (actor) e.actor_id = actor->id;
    e.action = error.refusal->action;
    e.ticket_id = error.refusal->ticket;
    e.request_id = error.refusal->request;
    e.outcome = domain::Outcome::kRefused;
    e.rule = std::string(rule::Code(error.refusal->rule));
    e.message = error.message;
    return static_cast<bool>(store::AppendEvent(c, e));
}

}  // namespace shiftdesk::app
