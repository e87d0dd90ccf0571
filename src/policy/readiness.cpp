#include "policy/readiness.hpp"

#include "common/time.hpp"

namespace shiftdesk::policy {
namespace {

using domain::DiversionState;
using domain::PhoneDriverKind;

std::string TicketLink(domain::TicketId id) { return "/api/v1/tickets/" + std::to_string(id); }
std::string LeaveLink(const domain::Leave& l, std::string_view rest) {
    return "/api/v1/leaves/" + std::to_string(l.id) + std::string(rest);
}
std::string Quote(const domain::Ticket& t) { return "ticket " + std::to_string(t.id) + " \"" + t.subject + "\""; }

bool Inside(const domain::Leave& l, Millis t) { return l.starts_at <= t && t < l.ends_at; }

// "2026-12-01 10:00 Europe/Paris" in the team's zone, as people read it; RFC 3339 UTC without a zone.
std::string When(const ReadinessFacts& f, Millis t) {
    if (!f.zone) return FormatRfc3339(t);
    return f.zone->FormatLocal(t) + " " + std::string(f.zone->name());
}

ReadinessItem Item(std::string name, std::vector<Blocker> blockers) {
    ReadinessItem item{std::move(name), blockers.empty() ? ItemState::kDone : ItemState::kMissing, {}};
    item.blockers = std::move(blockers);
    return item;
}

ReadinessItem BinCleared(const ReadinessFacts& f) {
    std::vector<Blocker> blockers;
    for (const auto& t : f.owned_open) {
        if (f.handed_over.contains(t.id)) continue;
        blockers.push_back({Quote(t) + " is " + std::string(domain::ToString(t.status)) +
                                ": solve it or place it on the hand-off sheet",
                            TicketLink(t.id)});
    }
    return Item("bin_cleared", std::move(blockers));
}

ReadinessItem FollowupsDone(const ReadinessFacts& f) {
    std::vector<Blocker> blockers;
    for (const auto& t : f.owned_open) {
        if (f.handed_over.contains(t.id)) continue;
        if (t.sla.promised_at && Inside(f.leave, *t.sla.promised_at)) {
            blockers.push_back({"an update promised on " + Quote(t) + " by " + When(f, *t.sla.promised_at) +
                                    " falls in the leave: send it now or hand the ticket over",
                                TicketLink(t.id)});
        } else if (const auto due = t.sla.update_due; due && Inside(f.leave, *due)) {
            blockers.push_back({"the next update on " + Quote(t) + " is due " + When(f, *due) +
                                    ", during the leave: reply now or hand the ticket over",
                                TicketLink(t.id)});
        }
    }
    for (const auto& c : f.calls) {
        blockers.push_back({"call " + std::to_string(c.id) + (c.topic.empty() ? "" : " \"" + c.topic + "\"") +
                                " at " + When(f, c.starts_at) +
                                " falls in the leave: move it, cancel it, or ask a lead to give it to a colleague",
                            "/api/v1/calls/" + std::to_string(c.id)});
    }
    return Item("followups_done", std::move(blockers));
}

ReadinessItem HandoffSent(const ReadinessFacts& f) {
    if (!f.handoff_mail) {
        return Item("handoff_sent", {{"no hand-off email yet: place what you hand over on the sheet, then send it",
                                      LeaveLink(f.leave, "/handoff-email")}});
    }
    switch (f.handoff_mail->progress) {
        case MailProgress::kAccepted:
            return Item("handoff_sent", {});
        case MailProgress::kQueued:
            return Item("handoff_sent",
                        {{"the hand-off email is queued and not yet accepted by the mail server" +
                              (f.handoff_mail->attempts > 0 ? " (" + std::to_string(f.handoff_mail->attempts) +
                                                                  " attempts; last: " + f.handoff_mail->last_error + ")"
                                                            : std::string()),
                          LeaveLink(f.leave, "")}});
        case MailProgress::kGaveUp:
            return Item("handoff_sent",
                        {{"the desk gave up on the hand-off email after " + std::to_string(f.handoff_mail->attempts) +
                              " attempts (last: " + f.handoff_mail->last_error +
                              "): check the mail settings with an admin, then send it again",
                          LeaveLink(f.leave, "/handoff-email")}});
        case MailProgress::kFailed:
            break;
    }
    return Item("handoff_sent", {{"the mail server refused the hand-off email (" + f.handoff_mail->last_error +
                                      "): check the team address, then send it again",
                                  LeaveLink(f.leave, "/handoff-email")}});
}

ReadinessItem DiversionSet(const ReadinessFacts& f) {
    if (!f.person.desk_phone) return {"diversion_set", ItemState::kNotApplicable, {}};
    const auto& d = f.diversion;
    const std::string set_link = LeaveLink(f.leave, "/diversion");
    if (!d || d->state == DiversionState::kCancelled) {
        return Item("diversion_set", {{"desk phone " + *f.person.desk_phone +
                                           " has no diversion: name a colleague or the team line",
                                       set_link}});
    }
    switch (d->state) {
        case DiversionState::kConfirmed:
        case DiversionState::kActive:
        case DiversionState::kRemoved:
            return Item("diversion_set", {});
        case DiversionState::kPlanned:
            // The desk applies an automatic driver's diversion itself when the leave starts.
            if (d->driver != PhoneDriverKind::kManual) return Item("diversion_set", {});
            return Item("diversion_set", {{"set desk phone " + d->extension + " to forward to " + d->target +
                                               ", then confirm it",
                                           set_link + "/confirm"}});
        case DiversionState::kFailed:
        case DiversionState::kCancelled:
            break;
    }
    return Item("diversion_set", {{"the phone system did not take the diversion (" + d->last_error +
                                       "): a lead has been told; set it again or on the phone",
                                   set_link}});
}

}  // namespace

Readiness EvaluateReadiness(const ReadinessFacts& f) {
    Readiness r;
    r.items = {BinCleared(f), FollowupsDone(f), HandoffSent(f), DiversionSet(f)};
    r.ready = true;
    for (const auto& item : r.items) r.ready = r.ready && item.state != ItemState::kMissing;
    return r;
}

std::string MissingSummary(const Readiness& r) {
    std::string out;
    for (const auto& item : r.items) {
        if (item.state != ItemState::kMissing) continue;
        if (!out.empty()) out += "; ";
        out += item.name;
        if (!item.blockers.empty()) out += ": " + item.blockers.front().message;
        if (item.blockers.size() > 1) out += " (and " + std::to_string(item.blockers.size() - 1) + " more)";
    }
    return out;
}

std::string_view ToString(ItemState s) {
    switch (s) {
        case ItemState::kDone:
            return "done";
        case ItemState::kMissing:
            return "missing";
        case ItemState::kNotApplicable:
            return "not_applicable";
    }
    return "missing";
}

}  // namespace shiftdesk::policy
