// Use cases of the queue: a lead's direct off-queue decision (R6), and routing new tickets to engineers on queue (R1).
#include "app/command_support.hpp"
#include "app/requests.hpp"
#include "app/validation.hpp"
#include "domain/ticket_changes.hpp"
#include "policy/request_policy.hpp"
#include "store/requests.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {

void Requests::SetQueue(const domain::Actor& actor, domain::UserId user_id, bool on_queue, std::optional<Millis> until,
                        Done<domain::User> done) {
    Write<domain::User>(
        actor,
        [actor, user_id, on_queue, until, settings = &options_.policy](store::Conn& c,
                                                                       Millis now) -> Result<domain::User> {
            auto user = SD_TRY(store::FindUser(c, user_id));
            if (!user) return NotFound("no user " + std::to_string(user_id));
            const auto d = policy::DecideQueueChange(actor, *user);
            if (!d.allowed()) return Refuse(d, on_queue ? "user.off_queue_ended" : "user.off_queue", std::nullopt);
            if (on_queue && until) return Invalid("until", "until is for going off queue; leave it out to come back");
            if (!on_queue && until && *until <= now) return Invalid("until", "until must be in the future");
            if (until) SD_CHECK(CheckDateWindow("until", *until, now, settings->dates));
            const bool was_on = !user->OffQueueWindow(now);
            if (on_queue) {
                if (was_on) {
                    SD_CHECK(AttachLeave(c, *user, now));
                    return std::move(*user);
                }
                SD_CHECK(store::SetOffQueue(c, user->id, false, std::nullopt));
                SD_CHECK(RecordEvent(c, actor.id, now, "user.off_queue_ended", {}, rule::R6,
                                     {{"user_id", {}, user->id}, {"on_queue", false, true}}));
                user->off_queue = false;
                user->off_queue_until.reset();
                SD_CHECK(AttachLeave(c, *user, now));
                return std::move(*user);
            }
            SD_CHECK(store::SetOffQueue(c, user->id, true, until));
            SD_CHECK(RecordEvent(c, actor.id, now, "user.off_queue", {}, rule::R6,
                                 {{"user_id", {}, user->id},
                                  {"on_queue", was_on, false},
                                  {"off_queue_until", {}, until ? domain::FieldValue{*until} : domain::FieldValue{}}}));
            user->off_queue = true;
            user->off_queue_until = until;
            SD_CHECK(AttachLeave(c, *user, now));
            return std::move(*user);
        },
        std::move(done));
}

Result<domain::Ticket> RouteNewTicket(store::Conn& c, const policy::Settings& settings, domain::Ticket t, Millis now) {
    if (settings.routing == policy::Routing::kManual) return t;
    const auto on_queue = SD_TRY(store::EngineersOnQueue(c, now));
    const auto load = SD_TRY(store::OpenTicketCounts(c, on_queue));
    std::vector<domain::UserId> eligible;
    for (auto id : on_queue) {
        if (load.at(id) < settings.open_ticket_cap) eligible.push_back(id);
    }
    const std::string mode(domain::NameOf(policy::kRoutingNames, settings.routing));
    if (eligible.empty()) {
        SD_CHECK(RecordEvent(c, std::nullopt, now, "ticket.routed", EventAbout{t.id, std::nullopt}, rule::R1,
                             {{"routing", {}, mode},
                              {"reason",
                               {},
                               "nobody is on queue below the cap of " + std::to_string(settings.open_ticket_cap) +
                                   " open tickets: the ticket waits in the queue"}}));
        return t;
    }
    domain::UserId chosen = eligible.front();
    std::string reason;
    if (settings.routing == policy::Routing::kRoundRobin) {
        constexpr std::string_view kLast = "routing.round_robin.last";
        const auto last = SD_TRY(store::ReadDeskState(c, kLast)).value_or(0);
        for (auto id : eligible) {
            if (id > last) {
                chosen = id;
                break;
            }
        }
        SD_CHECK(store::WriteDeskState(c, kLast, chosen));
        reason = "next engineer on queue after user " + std::to_string(last);
    } else {
        for (auto id : eligible) {
            if (load.at(id) < load.at(chosen)) chosen = id;
        }
        reason = "fewest open tickets on queue (" + std::to_string(load.at(chosen)) + ")";
    }
    auto routed = domain::WithOwner(t, chosen, now);
    SD_CHECK(store::UpdateTicket(c, routed.ticket));
    routed.changes.push_back({"routing", {}, mode});
    routed.changes.push_back({"reason", {}, reason});
    SD_CHECK(RecordEvent(c, std::nullopt, now, "ticket.routed", EventAbout{t.id, std::nullopt}, rule::R1,
                         std::move(routed.changes)));
    return std::move(routed.ticket);
}

}  // namespace shiftdesk::app
