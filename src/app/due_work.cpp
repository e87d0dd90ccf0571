// The due work: expires requests no lead decided in time, ends off-queue windows (R6), announces SLA warnings and
// breaches (R2) and fires due timers (calls R3, leave R4), in one command whose cost follows what fell due.
#include "app/due_work.hpp"

#include "app/command_support.hpp"
#include "policy/request_policy.hpp"
#include "store/requests.hpp"
#include "store/tickets.hpp"
#include "store/timers.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {

void DueWork::RunDueWork(Done<DueWorkReport> done) {
    Write<DueWorkReport>(
        std::nullopt,
        [settings = &options_.policy](store::Conn& c, Millis now) -> Result<DueWorkReport> {
            constexpr int kBatch = 500;  // what is left is picked up by the next run
            DueWorkReport work;
            for (auto& r : SD_TRY(store::ExpiredPendingRequests(c, now, kBatch))) {
                std::optional<domain::Ticket> ticket;
                if (r.ticket_id) ticket = SD_TRY(store::FindTicket(c, *r.ticket_id));
                r.state = domain::RequestState::kExpired;
                r.updated_at = now;
                SD_CHECK(store::DecideRequest(c, r));
                SD_CHECK(RecordEvent(c, std::nullopt, now, "request.expired", EventAbout{r.ticket_id, r.id},
                                     policy::RuleOf(r.kind, ticket && ticket->owner_id.has_value()),
                                     {{"state", std::string("pending"), std::string("expired")}}));
                ++work.requests_expired;
            }
            for (const auto& u : SD_TRY(store::UsersWhoseOffQueueEnded(c, now, kBatch))) {
                SD_CHECK(store::SetOffQueue(c, u.id, false, std::nullopt));
                SD_CHECK(RecordEvent(c, std::nullopt, now, "user.off_queue_ended", {}, rule::R6,
                                     {{"user_id", {}, u.id}, {"on_queue", false, true}}));
                ++work.off_queue_ended;
            }
            work.sla_announced = SD_TRY(AnnounceSlaDue(c, *settings, now, kBatch));
            for (const auto& timer : SD_TRY(store::DueTimers(c, now, kBatch))) {
                if (IsLeaveTimer(timer)) SD_CHECK(FireLeaveTimer(c, *settings, timer, now));
                if (IsCallTimer(timer)) SD_CHECK(FireCallTimer(c, timer, now));
                SD_CHECK(store::DeleteTimer(c, timer.id));
                ++work.timers_fired;
            }
            return work;
        },
        std::move(done));
}

}  // namespace shiftdesk::app
