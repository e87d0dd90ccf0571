// R4: a leave's readiness checklist, gathered from the engineer's bin, the hand-off sheet, their calls, the
// leave's hand-off email (R5) and its diversion (R13), and judged by policy::EvaluateReadiness.
#include "app/command_support.hpp"
#include "app/leaves.hpp"
#include "common/civil_time.hpp"
#include "store/calls.hpp"
#include "store/handoff.hpp"
#include "store/outbox.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::TicketStatus;

// A bin is tens of tickets; the checklist reads each one whole (its promise lives in its clocks).
constexpr int kBinLimit = 1000;

Result<std::vector<domain::Ticket>> OwnedOpen(store::Conn& c, domain::UserId user) {
    store::TicketQuery q;
    q.owner_id = user;
    q.statuses = {TicketStatus::kOpen, TicketStatus::kPending, TicketStatus::kOnHold};
    q.limit = kBinLimit;
    std::vector<domain::Ticket> out;
    for (const auto& summary : SD_TRY(store::ListTickets(c, q))) out.push_back(SD_TRY(LoadTicket(c, summary.id)));
    return out;
}

std::optional<policy::HandoffMailFacts> MailFacts(const std::optional<store::OutboxItem>& mail) {
    if (!mail || mail->state == store::OutboxState::kCancelled) return std::nullopt;
    policy::HandoffMailFacts f;
    f.attempts = mail->attempts;
    f.last_error = mail->last_error;
    f.accepted_at = mail->delivered_at;
    switch (mail->state) {
        case store::OutboxState::kDelivered:
            f.progress = policy::MailProgress::kAccepted;
            break;
        case store::OutboxState::kFailed:
            f.progress = mail->gave_up ? policy::MailProgress::kGaveUp : policy::MailProgress::kFailed;
            break;
        default:
            f.progress = policy::MailProgress::kQueued;
    }
    return f;
}

}  // namespace

Result<LeaveView> ViewOfLeave(store::Conn& c, domain::Leave leave, const policy::Settings& settings) {
    const auto person = SD_TRY(store::FindUser(c, leave.user_id));
    if (!person) return Internal("leave " + std::to_string(leave.id) + " belongs to no user");
    LeaveView view;
    view.diversion = SD_TRY(store::DiversionOfLeave(c, leave.id));
    view.handoff_mail = SD_TRY(store::LatestOutbox(c, store::OutboxKind::kMail, leave.id));
    if (view.handoff_mail) view.handoff_mail->payload.clear();  // the kept copy is not part of the view

    policy::ReadinessFacts facts;
    facts.leave = leave;
    if (auto zone = TimeZone::Find(settings.calendar.time_zone, "calendar.time_zone")) facts.zone = *zone;
    facts.person = *person;
    facts.owned_open = SD_TRY(OwnedOpen(c, person->id));
    for (const auto& t : facts.owned_open) {
        if (SD_TRY(store::LiveHandoffEntry(c, t.id))) facts.handed_over.insert(t.id);
    }
    store::CallQuery calls;
    calls.owner_id = person->id;
    calls.from = leave.starts_at;
    calls.to = leave.ends_at;
    calls.include_cancelled = false;
    facts.calls = SD_TRY(store::ListCalls(c, calls));
    facts.handoff_mail = MailFacts(view.handoff_mail);
    facts.diversion = view.diversion;
    view.readiness = policy::EvaluateReadiness(facts);
    view.leave = std::move(leave);
    return view;
}

}  // namespace shiftdesk::app
