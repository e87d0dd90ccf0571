// Use cases of time commitments on tickets (R2): promises, the lead's at-risk list, notifications, and the due work
// that announces SLA warnings and breaches — to the owner, and breaches to every shift lead.
#include "app/sla.hpp"

#include <algorithm>

#include "app/command_support.hpp"
#include "app/notifications.hpp"
#include "app/validation.hpp"
#include "common/time.hpp"
#include "policy/desk_policy.hpp"
#include "store/notifications.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {
namespace {

std::string Describe(const policy::Crossing& c, const domain::Ticket& t) {
    std::string clock(c.clock);
    std::replace(clock.begin(), clock.end(), '_', ' ');
    return (c.breach ? "Breached: " : "At risk: ") + clock + " on ticket #" + std::to_string(t.id) + " \"" + t.subject +
           "\" " + (c.breach ? "was due " : "is due ") + FormatRfc3339(c.due) + " (" + t.customer.name + ", " +
           t.customer.plan + (t.customer.critical ? ", critical" : "") + ")";
}

}  // namespace

Result<policy::SlaContext> SlaContextFor(const policy::Settings& s, const domain::Ticket& t) {
    const TimeZone zone = SD_TRY(TimeZone::Find(s.calendar.time_zone, "calendar.time_zone"));
    return policy::SlaContext{domain::BusinessClock(s.calendar, zone),
                              policy::TargetFor(s.sla, t.customer.plan, t.priority, t.customer.critical),
                              s.sla.warn_percent, s.sla.promise_warning_minutes * kMinute};
}

void SyncDue(domain::Ticket& t) { t.due_at = policy::DueFirst(t.sla); }

Result<domain::Changed> WithStatusAndSla(const policy::Settings& settings, const domain::Ticket& t,
                                         domain::TicketStatus to, Millis now) {
    domain::Changed changed = domain::WithStatus(t, to, now);
    policy::OnStatusChange(changed.ticket.sla, SD_TRY(SlaContextFor(settings, t)), now, t.status, to);
    SyncDue(changed.ticket);
    return changed;
}

Result<void> Notify(store::Conn& c, const std::vector<domain::UserId>& users, std::string_view kind,
                    std::optional<domain::TicketId> ticket, std::optional<std::int64_t> call, rule::Id rule,
                    const std::string& message, Millis now) {
    for (auto user : users) {
        SD_CHECK(store::InsertNotification(
            c, {0, user, std::string(kind), ticket, call, std::string(rule::Code(rule)), message, now, std::nullopt}));
    }
    return {};
}

Result<int> AnnounceSlaDue(store::Conn& c, const policy::Settings& settings, Millis now, int limit) {
    int announced = 0;
    std::optional<std::vector<domain::UserId>> leads;  // read once, when the first breach needs them
    for (auto id : SD_TRY(store::TicketsDueForSla(c, now, limit))) {
        domain::Ticket t = SD_TRY(LoadTicket(c, id));
        const auto ctx = SD_TRY(SlaContextFor(settings, t));
        const auto crossed = policy::Evaluate(t.sla, ctx, now);
        SyncDue(t);
        SD_CHECK(store::UpdateTicket(c, t));
        for (const auto& x : crossed) {
            SD_CHECK(RecordEvent(c, std::nullopt, now, x.breach ? "sla.breached" : "sla.warning",
                                 EventAbout{t.id, std::nullopt}, rule::R2,
                                 {{"clock", {}, std::string(x.clock)},
                                  {"due", {}, FormatRfc3339(x.due)},
                                  {"sla_state", {}, std::string(domain::ToString(t.sla.state))}}));
            std::vector<domain::UserId> to;
            if (t.owner_id) to.push_back(*t.owner_id);
            if (x.breach || !t.owner_id) {
                // Breaches escalate to the shift leads; so does anything at risk that nobody owns yet.
                if (!leads) leads = SD_TRY(store::ActiveLeads(c));
                for (auto lead : *leads) {
                    if (std::find(to.begin(), to.end(), lead) == to.end()) to.push_back(lead);
                }
            }
            SD_CHECK(Notify(c, to, x.breach ? "sla.breached" : "sla.warning", t.id, std::nullopt, rule::R2,
                            Describe(x, t), now));
            ++announced;
        }
    }
    return announced;
}

void Sla::Promise(const domain::Actor& actor, domain::TicketId id, Millis by, Done<domain::Ticket> done) {
    Write<domain::Ticket>(
        actor,
        [actor, id, by, settings = &options_.policy](store::Conn& c, Millis now) -> Result<domain::Ticket> {
            domain::Ticket t = SD_TRY(LoadTicket(c, id));
            const policy::TicketCommand command = policy::cmd::Promise{};
            const auto d = policy::Decide(FactsOf(t), command, actor);
            if (!d.allowed()) return Refuse(d, policy::ActionOf(command), id);
            if (by <= now) return Invalid("by", "by must be in the future: a promise is about the next update");
            SD_CHECK(CheckDateWindow("by", by, now, settings->dates));
            const auto before = t.sla.promised_at;
            policy::OnPromise(t.sla, SD_TRY(SlaContextFor(*settings, t)), now, by);
            SyncDue(t);
            t.updated_at = now;
            SD_CHECK(store::UpdateTicket(c, t));
            SD_CHECK(Record(
                c, actor, now, policy::ActionOf(command), id, d.rule,
                {{"promised_update_at", before ? domain::FieldValue{FormatRfc3339(*before)} : domain::FieldValue{},
                  FormatRfc3339(by)}}));
            return t;
        },
        std::move(done));
}

Result<std::vector<domain::Ticket>> Sla::AtRisk(const domain::Actor& actor, int limit) {
    const auto d = policy::DecideSeeAtRisk(actor);
    if (!d.allowed()) return Refuse(d, "sla.at_risk_viewed", std::nullopt);
    return Read<std::vector<domain::Ticket>>([&](store::Conn& c) -> Result<std::vector<domain::Ticket>> {
        std::vector<domain::Ticket> out;
        for (auto id : SD_TRY(store::TicketsAtRisk(c, limit))) out.push_back(SD_TRY(LoadTicket(c, id)));
        return out;
    });
}

Result<std::vector<store::Notification>> Notifications::ListNotifications(const domain::Actor& actor, bool unread_only,
                                                                          std::optional<std::int64_t> before,
                                                                          int limit) {
    return Read<std::vector<store::Notification>>(
        [&](store::Conn& c) { return store::ListNotifications(c, actor.id, unread_only, before, limit); });
}

void Notifications::ReadNotification(const domain::Actor& actor, std::int64_t id, Done<bool> done) {
    Write<bool>(
        actor,
        [actor, id](store::Conn& c, Millis now) -> Result<bool> {
            if (!SD_TRY(store::MarkNotificationRead(c, actor.id, id, now))) {
                return NotFound("no notification " + std::to_string(id));
            }
            return true;
        },
        std::move(done));
}

}  // namespace shiftdesk::app
