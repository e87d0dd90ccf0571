#include "http/views.hpp"

#include "app/handoff.hpp"
#include "app/leaves.hpp"
#include "app/requests.hpp"
#include "app/training.hpp"
#include "common/time.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

json::value OptId(const std::optional<std::int64_t>& id) { return id ? json::value(*id) : json::value(nullptr); }
json::string Name(std::string_view s) { return json::string(s); }

json::value ParsedOrEmpty(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    return ec ? json::value(json::object{}) : v;
}

}  // namespace

json::value TimeJson(Millis t) { return json::string(FormatRfc3339(t)); }
json::value OptTimeJson(const std::optional<Millis>& t) { return t ? TimeJson(*t) : json::value(nullptr); }

json::object UserJson(const domain::User& u, Millis now) {
    // Only engineers and leads are on a queue; for anyone else the question does not arise.
    const bool queued = domain::CanOwnTickets(u.role);
    json::value leave = nullptr;
    if (queued && u.on_leave) {
        leave = json::object{{"id", u.on_leave->id},
                             {"first_day", u.on_leave->first_day},
                             {"last_day", u.on_leave->last_day},
                             {"kind", Name(domain::ToString(u.on_leave->kind))}};
    }
    return {
        {"id", u.id},
        {"login", u.login},
        {"name", u.name},
        {"email", u.email},
        {"role", Name(domain::ToString(u.role))},
        {"active", u.active},
        {"on_queue", queued ? json::value(u.OnQueue(now)) : json::value(nullptr)},
        {"off_queue_until", queued && u.OffQueueWindow(now) ? OptTimeJson(u.off_queue_until) : json::value(nullptr)},
        {"on_leave", queued ? json::value(u.on_leave.has_value()) : json::value(nullptr)},
        {"leave", std::move(leave)},
        {"desk_phone", u.desk_phone ? json::value(*u.desk_phone) : json::value(nullptr)},
        {"created_at", TimeJson(u.created_at)}};
}

json::object NotificationJson(const store::Notification& n) {
    return {{"id", n.id},
            {"kind", n.kind},
            {"ticket_id", OptId(n.ticket_id)},
            {"call_id", OptId(n.call_id)},
            {"rule", n.rule.empty() ? json::value(nullptr) : json::value(json::string(n.rule))},
            {"message", n.message},
            {"created_at", TimeJson(n.created_at)},
            {"read_at", OptTimeJson(n.read_at)}};
}

json::object CallJson(const domain::Call& c) {
    json::array attendees;
    for (const auto& a : c.attendees) attendees.emplace_back(a);
    return {{"id", c.id},
            {"ticket_id", OptId(c.ticket_id)},
            {"training_request_id", OptId(c.training_request_id)},
            {"owner_id", c.owner_id},
            {"starts_at", TimeJson(c.starts_at)},
            {"ends_at", TimeJson(c.EndsAt())},
            {"minutes", c.minutes},
            {"join_url", c.join_url},
            {"attendees", std::move(attendees)},
            {"topic", c.topic},
            {"state", Name(domain::ToString(c.state))},
            {"attendance", c.attendance ? json::value(Name(domain::ToString(*c.attendance))) : json::value(nullptr)},
            {"joined_at", OptTimeJson(c.joined_at)},
            {"sequence", c.sequence},
            {"created_by", c.created_by},
            {"created_at", TimeJson(c.created_at)},
            {"updated_at", TimeJson(c.updated_at)}};
}

json::object TrainingJson(const domain::TrainingRequest& t) {
    return {{"id", t.id},
            {"customer",
             {{"name", t.customer_name},
              {"email", t.customer_email.empty() ? json::value(nullptr) : json::value(json::string(t.customer_email))},
              {"plan", t.plan},
              {"critical", t.critical}}},
            {"kind", Name(domain::ToString(t.kind))},
            {"minutes", t.minutes},
            {"topic", t.topic},
            {"requested_by", t.requested_by},
            {"route", Name(domain::ToString(t.route))},
            {"state", Name(domain::ToString(t.state))},
            {"filed_by", t.filed_by},
            {"owner_id", OptId(t.owner_id)},
            {"call_id", OptId(t.call_id)},
            {"decided_by", OptId(t.decided_by)},
            {"note", t.decision_note.empty() ? json::value(nullptr) : json::value(json::string(t.decision_note))},
            {"created_at", TimeJson(t.created_at)},
            {"updated_at", TimeJson(t.updated_at)}};
}

json::object LeaveJson(const domain::Leave& l, Millis now) {
    return {{"id", l.id},
            {"user_id", l.user_id},
            {"first_day", l.first_day},
            {"last_day", l.last_day},
            {"starts_at", TimeJson(l.starts_at)},
            {"ends_at", TimeJson(l.ends_at)},
            {"kind", Name(domain::ToString(l.kind))},
            {"state", Name(domain::ToString(l.state))},
            {"active", l.Covers(now)},
            {"note", l.note},
            {"created_by", l.created_by},
            {"created_at", TimeJson(l.created_at)},
            {"updated_at", TimeJson(l.updated_at)}};
}

json::object TeamMemberJson(const app::TeamLoad& m, Millis now) {
    json::object o = UserJson(m.user, now);
    o["open_tickets"] = m.open_tickets;
    o["at_risk"] = m.at_risk;
    o["breached"] = m.breached;
    o["calls_next_7_days"] = m.calls_next_week;
    return o;
}

json::object DiversionJson(const domain::Diversion& d) {
    return {{"id", d.id},
            {"leave_id", d.leave_id},
            {"user_id", d.user_id},
            {"extension", d.extension},
            {"target", d.target},
            {"driver", Name(domain::ToString(d.driver))},
            {"state", Name(domain::ToString(d.state))},
            {"confirmed_at", OptTimeJson(d.confirmed_at)},
            {"applied_at", OptTimeJson(d.applied_at)},
            {"removed_at", OptTimeJson(d.removed_at)},
            {"last_error", d.last_error},
            {"updated_at", TimeJson(d.updated_at)}};
}

namespace {

json::object ReadinessJson(const policy::Readiness& r) {
    json::object out{{"ready", r.ready}};
    for (const auto& item : r.items) {
        json::array blockers;
        for (const auto& b : item.blockers) blockers.push_back(json::object{{"message", b.message}, {"link", b.link}});
        out[item.name] = json::object{{"state", Name(policy::ToString(item.state))},
                                      {"ok", item.state != policy::ItemState::kMissing},
                                      {"blockers", std::move(blockers)}};
    }
    return out;
}

json::value HandoffMailJson(const std::optional<store::OutboxItem>& mail) {
    if (!mail) return nullptr;
    return json::object{{"id", mail->id},
                        {"state", Name(store::ToString(mail->state))},
                        {"attempts", mail->attempts},
                        {"last_error", mail->last_error},
                        {"queued_at", TimeJson(mail->created_at)},
                        {"accepted_at", OptTimeJson(mail->delivered_at)},
                        {"to", mail->recipients.empty() ? json::value(nullptr) : json::value(mail->recipients.front())}};
}

}  // namespace

json::object LeaveViewJson(const app::LeaveView& v, Millis now) {
    json::object o = LeaveJson(v.leave, now);
    o["readiness"] = ReadinessJson(v.readiness);
    o["diversion"] = v.diversion ? json::value(DiversionJson(*v.diversion)) : json::value(nullptr);
    o["handoff_email"] = HandoffMailJson(v.handoff_mail);
    return o;
}

json::object HandoffJson(const app::HandoffView& v) {
    const domain::HandoffEntry& e = v.entry;
    return {{"id", e.id},
            {"ticket_id", e.ticket_id},
            {"ticket",
             json::object{{"id", v.ticket.id},
                          {"subject", v.ticket.subject},
                          {"status", Name(domain::ToString(v.ticket.status))},
                          {"owner_id", v.ticket.owner_id ? json::value(*v.ticket.owner_id) : json::value(nullptr)},
                          {"customer", json::object{{"name", v.ticket.customer.name},
                                                    {"email", v.ticket.customer.email}}}}},
            {"from_user_id", e.from_user_id},
            {"from_name", v.from_name},
            {"reason", Name(domain::ToString(e.reason))},
            {"validation", e.validation},
            {"next_step", e.next_step},
            {"needed_by", OptTimeJson(e.needed_by)},
            {"picked_up_by", e.picked_up_by ? json::value(*e.picked_up_by) : json::value(nullptr)},
            {"picked_up_name", v.picked_up_name.empty() ? json::value(nullptr) : json::value(v.picked_up_name)},
            {"picked_up_at", OptTimeJson(e.picked_up_at)},
            {"state", Name(domain::ToString(e.state))},
            {"created_at", TimeJson(e.created_at)},
            {"updated_at", TimeJson(e.updated_at)}};
}

json::object RequestJson(const app::RequestView& v, Millis now) {
    const domain::Request& r = v.request;
    json::object o{
        {"id", r.id},
        {"kind", Name(domain::ToString(r.kind))},
        {"state", Name(domain::ToString(r.state))},
        {"requester",
         {{"id", v.requester.id},
          {"login", v.requester.login},
          {"name", v.requester.name},
          {"open_tickets", v.requester_open_tickets}}},
        {"ticket_id", OptId(r.ticket_id)},
        {"reason", r.reason},
        {"created_at", TimeJson(r.created_at)},
        {"expires_at", TimeJson(r.expires_at)},
        {"decided_by", OptId(r.decided_by)},
        {"decided_at", OptTimeJson(r.decided_at)},
        {"note", r.decision_note.empty() ? json::value(nullptr) : json::value(json::string(r.decision_note))}};
    if (v.ticket) {
        const domain::Ticket& t = *v.ticket;
        o["ticket"] = json::object{
            {"id", t.id},
            {"subject", t.subject},
            {"status", Name(domain::ToString(t.status))},
            {"owner_id", OptId(t.owner_id)},
            {"customer", {{"name", t.customer.name}, {"plan", t.customer.plan}, {"critical", t.customer.critical}}},
            {"created_at", TimeJson(t.created_at)},
            {"closed_at", OptTimeJson(t.closed_at)}};
    }
    switch (r.kind) {
        case domain::RequestKind::kAssignment:
            o["owner_id"] = OptId(r.owner_id);
            break;
        case domain::RequestKind::kNewTicket:
            o["subject"] = r.subject;
            o["description"] = r.description;
            o["new_issue"] = r.new_issue;
            o["result_ticket_id"] = OptId(r.result_ticket_id);
            if (v.ticket) {
                // How old the parent is, and how long ago it closed: what an old-ticket follow-up is about (R9).
                o["parent_age_days"] = (now - v.ticket->created_at) / kDay;
                o["parent_closed_days"] =
                    v.ticket->closed_at ? json::value((now - *v.ticket->closed_at) / kDay) : json::value(nullptr);
            }
            break;
        case domain::RequestKind::kOffQueue:
            o["hours"] = r.hours;
            break;
    }
    return o;
}

json::object EntryJson(const domain::ThreadEntry& e) {
    json::object author{{"id", OptId(e.author_id)}, {"name", e.author_name}};
    if (!e.author_email.empty()) author["email"] = e.author_email;
    json::object o{{"id", e.id},
                   {"ticket_id", e.ticket_id},
                   {"kind", Name(domain::ToString(e.kind))},
                   // Private notes are staff-only (R10): every view says so, so no client mistakes one for a reply.
                   {"visibility", e.kind == domain::EntryKind::kNote ? "private" : "public"},
                   {"author", std::move(author)},
                   {"body", e.body},
                   {"created_at", TimeJson(e.created_at)},
                   {"channel", Name(domain::ToString(e.channel))}};
    if (e.channel == domain::Channel::kEmail) {
        const auto address = [](const domain::MailAddress& a) {
            return json::object{{"name", a.name}, {"address", a.address}};
        };
        const auto addresses = [&](const std::vector<domain::MailAddress>& list) {
            json::array out;
            for (const auto& a : list) out.push_back(address(a));
            return out;
        };
        if (e.mail_from) o["from"] = address(*e.mail_from);
        o["to"] = addresses(e.mail_to);
        o["cc"] = addresses(e.mail_cc);
        if (!e.message_id.empty()) o["message_id"] = e.message_id;
    }
    if (e.delivery) o["delivery"] = Name(domain::ToString(*e.delivery));
    return o;
}

json::object EventJson(const store::EventRow& row) {
    const domain::Event& e = row.event;
    json::object o{{"id", e.id},
                   {"at", TimeJson(e.at)},
                   {"actor", e.actor_id ? json::value(json::object{{"id", *e.actor_id}, {"login", row.actor_login}})
                                        : json::value(nullptr)},
                   {"action", e.action},
                   {"ticket_id", OptId(e.ticket_id)},
                   {"request_id", OptId(e.request_id)},
                   {"outcome", Name(domain::NameOf(domain::kOutcomeNames, e.outcome))},
                   {"rule", e.rule.empty() ? json::value(nullptr) : json::value(json::string(e.rule))},
                   {"before", ParsedOrEmpty(row.before_json)},
                   {"after", ParsedOrEmpty(row.after_json)}};
    if (!e.message.empty()) o["message"] = e.message;
    return o;
}

}  // namespace shiftdesk::http
