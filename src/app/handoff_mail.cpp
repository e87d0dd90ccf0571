// R5: the hand-off email. From the engineer's entries on the hand-off sheet the desk writes one email to the whole
// team — what is handed over, the validation so far, the next steps, the leave's dates and where the desk phone
// goes — and queues it in the outbox; readiness shows it sent once the mail server has accepted it. Only what the
// engineer wrote for the team goes in: never a private note, never the ticket's thread.
#include "app/command_support.hpp"
#include "app/leaves.hpp"
#include "common/civil_time.hpp"
#include "common/text.hpp"
#include "notify/mail_message.hpp"
#include "policy/handoff_policy.hpp"
#include "store/handoff.hpp"
#include "store/leaves.hpp"
#include "store/outbox.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

struct HandedOver {
    domain::HandoffEntry entry;
    domain::Ticket ticket;
    std::string picked_up_by;
};

struct MailFacts {
    domain::User person;
    domain::Leave leave;
    std::vector<HandedOver> items;
    std::optional<domain::Diversion> diversion;
};

std::string DiversionLine(const MailFacts& f) {
    if (!f.person.desk_phone) return f.person.name + " has no desk phone.";
    if (!f.diversion || f.diversion->state == domain::DiversionState::kCancelled) {
        return "Desk phone " + *f.person.desk_phone + " has no diversion set yet.";
    }
    return "Desk phone " + f.diversion->extension + " forwards to " + f.diversion->target + " during the leave.";
}

std::string Span(const domain::Leave& l) {
    return l.first_day == l.last_day ? "on " + l.first_day : "from " + l.first_day + " to " + l.last_day;
}

std::string NeededBy(const domain::HandoffEntry& e, const TimeZone& zone) {
    return e.needed_by ? zone.FormatLocal(*e.needed_by) + " (" + std::string(zone.name()) + ")" : "no fixed time";
}

std::string TextBody(const MailFacts& f, const TimeZone& zone) {
    std::string out = f.person.name + " is on leave " + Span(f.leave) + " (" +
                      std::string(domain::ToString(f.leave.kind)) + ").\n" + DiversionLine(f) + "\n\n";
    if (f.items.empty()) {
        out += "Nothing is handed over: the bin is clear.\n";
    } else {
        out += "Handed over (" + std::to_string(f.items.size()) + "):\n";
    }
    for (const auto& h : f.items) {
        out += "\n#" + std::to_string(h.ticket.id) + " " + h.ticket.subject + "\n";
        out += "  Customer: " + h.ticket.customer.name + " <" + h.ticket.customer.email + ">\n";
        out += "  Why: " + std::string(domain::ToString(h.entry.reason)) + "\n";
        out += "  Validation so far: " + h.entry.validation + "\n";
        out += "  Next step: " + h.entry.next_step + "\n";
        out += "  Needed by: " + NeededBy(h.entry, zone) + "\n";
        out += "  Picked up by: " + (h.picked_up_by.empty() ? std::string("nobody yet") : h.picked_up_by) + "\n";
    }
    out += "\nEverything handed over is on the hand-off sheet, where anyone picks an entry up.\n";
    return out;
}

std::string HtmlBody(const MailFacts& f, const TimeZone& zone) {
    std::string out = "<!DOCTYPE html><html><body>\n<p>" + EscapeHtml(f.person.name) + " is on leave " +
                      EscapeHtml(Span(f.leave)) + " (" + EscapeHtml(domain::ToString(f.leave.kind)) + ").<br>" +
                      EscapeHtml(DiversionLine(f)) + "</p>\n";
    if (f.items.empty()) {
        out += "<p>Nothing is handed over: the bin is clear.</p>\n";
    } else {
        out += "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr><th>Ticket</th><th>Customer</th>"
               "<th>Why</th><th>Validation so far</th><th>Next step</th><th>Needed by</th><th>Picked up by</th></tr>\n";
        for (const auto& h : f.items) {
            out += "<tr><td>#" + std::to_string(h.ticket.id) + " " + EscapeHtml(h.ticket.subject) + "</td><td>" +
                   EscapeHtml(h.ticket.customer.name) + "</td><td>" + EscapeHtml(domain::ToString(h.entry.reason)) +
                   "</td><td>" + EscapeHtml(h.entry.validation) + "</td><td>" + EscapeHtml(h.entry.next_step) +
                   "</td><td>" + EscapeHtml(NeededBy(h.entry, zone)) + "</td><td>" +
                   EscapeHtml(h.picked_up_by.empty() ? std::string("nobody yet") : h.picked_up_by) + "</td></tr>\n";
        }
        out += "</table>\n";
    }
    out += "<p>Everything handed over is on the hand-off sheet, where anyone picks an entry up.</p>\n</body></html>\n";
    return out;
}

std::string DomainOf(const std::string& address) {
    const auto at = address.rfind('@');
    return at == std::string::npos ? "shiftdesk.invalid" : address.substr(at + 1);
}

Result<MailFacts> Gather(store::Conn& c, const domain::Leave& leave) {
    MailFacts f;
    const auto person = SD_TRY(store::FindUser(c, leave.user_id));
    if (!person) return Internal("leave " + std::to_string(leave.id) + " belongs to no user");
    f.person = *person;
    f.leave = leave;
    f.diversion = SD_TRY(store::DiversionOfLeave(c, leave.id));
    store::HandoffQuery q;
    q.from_user_id = person->id;
    q.states = {domain::HandoffState::kOpen, domain::HandoffState::kPickedUp};
    for (auto& e : SD_TRY(store::ListHandoffEntries(c, q))) {
        HandedOver h;
        auto ticket = SD_TRY(store::FindTicket(c, e.ticket_id));
        if (!ticket) continue;
        h.ticket = std::move(*ticket);
        if (e.picked_up_by) {
            const auto picker = SD_TRY(store::FindUser(c, *e.picked_up_by));
            h.picked_up_by = picker ? picker->name : "user " + std::to_string(*e.picked_up_by);
        }
        h.entry = std::move(e);
        f.items.push_back(std::move(h));
    }
    return f;
}

}  // namespace

void Leaves::SendHandoffEmail(const domain::Actor& actor, std::int64_t leave_id, Done<LeaveView> done) {
    auto zone = TimeZone::Find(options_.policy.calendar.time_zone, "calendar.time_zone");
    if (!zone) return done(zone.error());
    Write<LeaveView>(
        actor,
        [actor, leave_id, mail = options_.mail, zone = *zone, settings = &options_.policy](
            store::Conn& c, Millis now) -> Result<LeaveView> {
            auto found = SD_TRY(store::FindLeave(c, leave_id));
            if (!found) return NotFound("no leave " + std::to_string(leave_id));
            const domain::Leave leave = std::move(*found);
            const auto d = policy::DecideSendHandoffEmail(actor, leave, now);
            if (!d.allowed()) return Refuse(d, "leave.handoff_queued", std::nullopt);
            if (mail.from.empty() || mail.team_address.empty()) {
                return MakeError(ErrorCode::kConflict,
                                 "mail is not set up: give the desk a from address and the team's address ([mail] in "
                                 "the config file, or SHIFTDESK_MAIL_FROM and SHIFTDESK_TEAM_ADDRESS)");
            }
            const auto latest = SD_TRY(store::LatestOutbox(c, store::OutboxKind::kMail, leave.id));
            const bool pending = latest && latest->state == store::OutboxState::kPending;
            const auto queue =
                policy::DecideQueueHandoffEmail(pending ? std::optional<int>(latest->attempts) : std::nullopt);
            if (!queue.allowed()) return Refuse(queue, "leave.handoff_queued", std::nullopt);
            const MailFacts facts = SD_TRY(Gather(c, leave));
            notify::MailMessage m;
            m.from = {mail.from_name, mail.from};
            m.to = {{"", mail.team_address}};
            m.subject = "Hand-off: " + facts.person.name + " on leave " + Span(leave) + " (" +
                        std::to_string(facts.items.size()) + (facts.items.size() == 1 ? " ticket)" : " tickets)");
            m.text = TextBody(facts, zone);
            m.html = HtmlBody(facts, zone);
            m.date = now;
            // Stable across retries (it is written once, here), so a resend after a crash is recognisably the same.
            m.message_id = "handoff-" + std::to_string(leave.id) + "-" + std::to_string(now) + "@" + DomainOf(mail.from);
            m.headers = {{"Auto-Submitted", "auto-generated"}};
            // Answers go to the engineer going on leave; an address the renderer would refuse is left out.
            if (notify::IsMailAddress(facts.person.email)) m.reply_to = {{"", facts.person.email}};
            store::OutboxItem item;
            item.kind = store::OutboxKind::kMail;
            item.subject_id = leave.id;
            item.recipients = {mail.team_address};
            item.payload = SD_TRY(notify::RenderMessage(m));
            item.next_attempt_at = now;
            item.created_at = now;
            item = SD_TRY(store::InsertOutbox(c, std::move(item)));
            SD_CHECK(RecordEvent(c, actor.id, now, "leave.handoff_queued", {}, rule::R5,
                                 {{"leave_id", {}, leave.id},
                                  {"outbox_id", {}, item.id},
                                  {"items", {}, static_cast<std::int64_t>(facts.items.size())},
                                  {"to", {}, mail.team_address}}));
            return ViewOfLeave(c, leave, *settings);
        },
        std::move(done));
}

}  // namespace shiftdesk::app
