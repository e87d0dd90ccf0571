// Use cases of customer calls (R3): schedule against an owned ticket, move, cancel, join; reminders before, and a
// missed call recorded at its end — each a timer that fires once. Late and missed calls are reported to the leads.
#include "store/calls.hpp"

#include <algorithm>

#include "app/calls.hpp"
#include "app/command_support.hpp"
#include "app/validation.hpp"
#include "common/link.hpp"
#include "common/time.hpp"
#include "policy/call_policy.hpp"
#include "policy/desk_policy.hpp"
#include "store/leaves.hpp"
#include "store/notifications.hpp"
#include "store/timers.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

constexpr std::string_view kReminder = "call.reminder";
constexpr std::string_view kStart = "call.start";
constexpr std::string_view kEnd = "call.end";
constexpr int kMaxMinutes = 8 * 60;
constexpr std::size_t kMaxAttendees = 50;

Result<void> CheckTimes(std::optional<Millis> starts_at, std::optional<int> minutes, Millis now,
                        const policy::Settings& settings) {
    if (minutes && (*minutes < 1 || *minutes > kMaxMinutes)) {
        return Invalid("minutes", "minutes must be from 1 to " + std::to_string(kMaxMinutes) + ": a call has a length");
    }
    if (starts_at && *starts_at <= now) return Invalid("starts_at", "starts_at must be in the future");
    if (starts_at) SD_CHECK(CheckDateWindow("starts_at", *starts_at, now, settings.dates));
    return {};
}

Result<void> CheckDetails(CallDetails& d) {
    if (d.join_url) d.join_url = SD_TRY(CheckJoinUrl("join_url", *d.join_url));
    if (d.topic) d.topic = SD_TRY(CheckText("topic", *d.topic, {0, 200, false}));
    if (d.attendees) {
        if (d.attendees->size() > kMaxAttendees) return Invalid("attendees", "at most 50 attendees");
        for (auto& a : *d.attendees) a = SD_TRY(CheckText("attendees", a, kOneLine));
    }
    return {};
}

Result<domain::Call> LoadCall(store::Conn& c, std::int64_t id) {
    auto found = SD_TRY(store::FindCall(c, id));
    if (!found) return NotFound("no call " + std::to_string(id));
    return std::move(*found);
}

std::string Title(const domain::Call& call) {
    std::string t = call.topic.empty() ? "customer call" : call.topic;
    if (call.ticket_id) t += " (ticket #" + std::to_string(*call.ticket_id) + ")";
    return t;
}

// What the owner's calendar says about the new time: another call then, or leave (warn, never refuse).
Result<std::vector<std::string>> Warnings(store::Conn& c, const domain::Call& call) {
    std::vector<std::string> out;
    for (const auto& other :
         SD_TRY(store::OverlappingCalls(c, call.owner_id, call.starts_at, call.EndsAt(), call.id))) {
        out.push_back("overlaps call " + std::to_string(other.id) + ", " + Title(other) + ", at " +
                      FormatRfc3339(other.starts_at));
    }
    if (auto leave = SD_TRY(store::LeaveAt(c, call.owner_id, call.starts_at))) {
        out.push_back("the owner is on leave then (" + leave->first_day + " to " + leave->last_day +
                      "): hand the call over before the leave (R4)");
    }
    return out;
}

Result<void> ScheduleTimers(store::Conn& c, const domain::Call& call, const policy::Settings& s, Millis now) {
    SD_CHECK(store::CancelTimers(c, call.id, {std::string(kReminder), std::string(kStart), std::string(kEnd)}));
    if (call.state != domain::CallState::kScheduled) return {};
    for (int m : s.call_reminder_minutes) {
        const Millis at = call.starts_at - m * kMinute;
        if (at > now) SD_CHECK(store::ScheduleTimer(c, kReminder, call.id, at));
    }
    SD_CHECK(store::ScheduleTimer(c, kStart, call.id, call.starts_at));
    SD_CHECK(store::ScheduleTimer(c, kEnd, call.id, call.EndsAt()));
    return {};
}

Result<void> RecordCall(store::Conn& c, std::optional<domain::UserId> actor, Millis now, std::string_view action,
                        const domain::Call& call, std::vector<domain::FieldChange> changes) {
    changes.insert(changes.begin(), {"call_id", {}, call.id});
    return RecordEvent(c, actor, now, action, EventAbout{call.ticket_id, std::nullopt}, rule::R3, std::move(changes));
}

// The leads, the call's owner aside (who is told as the owner when they are a lead too).
Result<void> TellLeads(store::Conn& c, const domain::Call& call, std::string_view kind, const std::string& message,
                       Millis now) {
    auto to = SD_TRY(store::ActiveLeads(c));
    std::erase(to, call.owner_id);
    return Notify(c, to, kind, call.ticket_id, call.id, rule::R3, message, now);
}

Result<std::string> OwnerName(store::Conn& c, domain::UserId id) {
    auto user = SD_TRY(store::FindUser(c, id));
    return user ? user->name : "user " + std::to_string(id);
}

}  // namespace

Result<CallOutcome> ScheduleCallIn(store::Conn& c, const policy::Settings& settings, const domain::Actor& actor,
                                   Millis now, domain::Call call) {
    call.created_by = actor.id;
    call.created_at = now;
    call.updated_at = now;
    call.state = domain::CallState::kScheduled;
    call = SD_TRY(store::InsertCall(c, std::move(call)));
    SD_CHECK(ScheduleTimers(c, call, settings, now));
    SD_CHECK(RecordCall(c, actor.id, now, "call.scheduled", call,
                        {{"owner_id", {}, call.owner_id},
                         {"starts_at", {}, FormatRfc3339(call.starts_at)},
                         {"minutes", {}, std::int64_t{call.minutes}}}));
    return CallOutcome{call, SD_TRY(Warnings(c, call))};
}

void Calls::ScheduleCall(const domain::Actor& actor, ScheduleCallCmd cmd, Done<CallOutcome> done) {
    if (auto checked = CheckDetails(cmd.details); !checked) return done(checked.error());
    Write<CallOutcome>(
        actor,
        [actor, cmd = std::move(cmd), settings = &options_.policy](store::Conn& c, Millis now) -> Result<CallOutcome> {
            const domain::Ticket t = SD_TRY(LoadTicket(c, cmd.ticket_id));
            const auto d = policy::DecideScheduleCall(actor, FactsOf(t));
            if (!d.allowed()) return Refuse(d, "call.scheduled", t.id);
            SD_CHECK(CheckTimes(cmd.starts_at, cmd.minutes, now, *settings));
            domain::Call call;
            call.ticket_id = t.id;
            call.owner_id = *t.owner_id;  // the ticket's owner runs its calls (R1, R3)
            call.starts_at = cmd.starts_at;
            call.minutes = cmd.minutes;
            call.join_url = cmd.details.join_url.value_or("");
            call.attendees = cmd.details.attendees.value_or(std::vector<std::string>{t.customer.name});
            call.topic = cmd.details.topic.value_or(t.subject);
            return ScheduleCallIn(c, *settings, actor, now, std::move(call));
        },
        std::move(done));
}

void Calls::RescheduleCall(const domain::Actor& actor, std::int64_t id, RescheduleCallCmd cmd, Done<CallOutcome> done) {
    if (auto checked = CheckDetails(cmd.details); !checked) return done(checked.error());
    if (!cmd.starts_at && !cmd.minutes && !cmd.details.join_url && !cmd.details.attendees && !cmd.details.topic) {
        return done(Invalid("starts_at", "give what changes: starts_at, minutes, join_url, attendees or topic"));
    }
    Write<CallOutcome>(
        actor,
        [actor, id, cmd = std::move(cmd), settings = &options_.policy](store::Conn& c,
                                                                       Millis now) -> Result<CallOutcome> {
            domain::Call call = SD_TRY(LoadCall(c, id));
            const auto d = policy::DecideChangeCall(actor, call, now);
            if (!d.allowed()) return Refuse(d, "call.rescheduled", call.ticket_id);
            SD_CHECK(CheckTimes(cmd.starts_at, cmd.minutes, now, *settings));
            std::vector<domain::FieldChange> changes;
            if (cmd.starts_at && *cmd.starts_at != call.starts_at) {
                changes.push_back({"starts_at", FormatRfc3339(call.starts_at), FormatRfc3339(*cmd.starts_at)});
                call.starts_at = *cmd.starts_at;
            }
            if (cmd.minutes && *cmd.minutes != call.minutes) {
                changes.push_back({"minutes", std::int64_t{call.minutes}, std::int64_t{*cmd.minutes}});
                call.minutes = *cmd.minutes;
            }
            if (cmd.details.join_url) call.join_url = *cmd.details.join_url;
            if (cmd.details.attendees) call.attendees = *cmd.details.attendees;
            if (cmd.details.topic) call.topic = *cmd.details.topic;
            ++call.sequence;
            call.updated_at = now;
            SD_CHECK(store::UpdateCall(c, call));
            SD_CHECK(ScheduleTimers(c, call, *settings, now));
            SD_CHECK(RecordCall(c, actor.id, now, "call.rescheduled", call, std::move(changes)));
            return CallOutcome{call, SD_TRY(Warnings(c, call))};
        },
        std::move(done));
}

void Calls::CancelCall(const domain::Actor& actor, std::int64_t id, Done<domain::Call> done) {
    Write<domain::Call>(
        actor,
        [actor, id, settings = &options_.policy](store::Conn& c, Millis now) -> Result<domain::Call> {
            domain::Call call = SD_TRY(LoadCall(c, id));
            const auto d = policy::DecideChangeCall(actor, call, now);
            if (!d.allowed()) return Refuse(d, "call.cancelled", call.ticket_id);
            call.state = domain::CallState::kCancelled;
            ++call.sequence;
            call.updated_at = now;
            SD_CHECK(store::UpdateCall(c, call));
            SD_CHECK(ScheduleTimers(c, call, *settings, now));
            SD_CHECK(RecordCall(c, actor.id, now, "call.cancelled", call,
                                {{"state", std::string("scheduled"), std::string("cancelled")}}));
            return call;
        },
        std::move(done));
}

void Calls::JoinCall(const domain::Actor& actor, std::int64_t id, Done<domain::Call> done) {
    Write<domain::Call>(
        actor,
        [actor, id, settings = &options_.policy](store::Conn& c, Millis now) -> Result<domain::Call> {
            domain::Call call = SD_TRY(LoadCall(c, id));
            std::optional<TimeZone> zone;  // the refusal speaks the team's wall clock
            if (auto found = TimeZone::Find(settings->calendar.time_zone, "calendar.time_zone")) zone = *found;
            const auto d = policy::DecideJoin(actor, call, now, *settings, zone);
            if (!d.allowed()) return Refuse(d, "call.joined", call.ticket_id);
            if (!d.changes()) return call;
            call.joined_at = now;
            call.attendance = policy::AttendanceAt(call, now, *settings);
            call.updated_at = now;
            SD_CHECK(store::UpdateCall(c, call));
            SD_CHECK(store::CancelTimers(c, call.id, {std::string(kReminder), std::string(kStart)}));
            const std::string attendance(domain::ToString(*call.attendance));
            SD_CHECK(RecordCall(c, actor.id, now, "call.joined", call, {{"attendance", {}, attendance}}));
            if (*call.attendance == domain::Attendance::kLate) {
                const auto minutes = (now - call.starts_at) / kMinute;
                SD_CHECK(TellLeads(c, call, "call.late",
                                   actor.name + " joined " + Title(call) + " " + std::to_string(minutes) +
                                       " min after it started (R3)",
                                   now));
            }
            return call;
        },
        std::move(done));
}

Result<domain::Call> Calls::GetCall(const domain::Actor& actor, std::int64_t id) {
    if (const auto d = policy::DecideUseDesk(actor); !d.allowed()) return RefuseUnaudited(d);
    return Read<domain::Call>([&](store::Conn& c) { return LoadCall(c, id); });
}

Result<std::vector<domain::Call>> Calls::ListCalls(const domain::Actor& actor, const store::CallQuery& query) {
    if (const auto d = policy::DecideUseDesk(actor); !d.allowed()) return RefuseUnaudited(d);
    return Read<std::vector<domain::Call>>([&](store::Conn& c) { return store::ListCalls(c, query); });
}

bool IsCallTimer(const store::Timer& timer) {
    return timer.kind == kReminder || timer.kind == kStart || timer.kind == kEnd;
}

Result<void> FireCallTimer(store::Conn& c, const store::Timer& timer, Millis now) {
    auto found = SD_TRY(store::FindCall(c, timer.subject_id));
    if (!found || found->state != domain::CallState::kScheduled || found->joined_at) return {};
    domain::Call call = std::move(*found);
    // A reminder or a "starting now" that comes too late (the desk was down) would only confuse: drop it.
    if (timer.kind == kReminder && now >= call.starts_at) return {};
    if (timer.kind == kStart && now >= call.EndsAt()) return {};
    if (timer.kind == kReminder) {
        const auto minutes = std::max<Millis>(1, (call.starts_at - now + kMinute / 2) / kMinute);
        return Notify(c, {call.owner_id}, "call.reminder", call.ticket_id, call.id, rule::R3,
                      "In " + std::to_string(minutes) + " min: " + Title(call) + " at " +
                          FormatRfc3339(call.starts_at) + (IsSafeLink(call.join_url) ? " — " + call.join_url : ""),
                      now);
    }
    if (timer.kind == kStart) {
        return Notify(c, {call.owner_id}, "call.started", call.ticket_id, call.id, rule::R3,
                      "Starting now: " + Title(call) + (IsSafeLink(call.join_url) ? " — " + call.join_url : ""), now);
    }
    // The end came and nobody joined: a missed call (R3), for the owner and the leads.
    call.attendance = domain::Attendance::kMissed;
    call.updated_at = now;
    SD_CHECK(store::UpdateCall(c, call));
    SD_CHECK(RecordCall(c, std::nullopt, now, "call.missed", call, {{"attendance", {}, std::string("missed")}}));
    const std::string message = SD_TRY(OwnerName(c, call.owner_id)) + " missed " + Title(call) + " at " +
                                FormatRfc3339(call.starts_at) + " (R3)";
    SD_CHECK(Notify(c, {call.owner_id}, "call.missed", call.ticket_id, call.id, rule::R3, message, now));
    return TellLeads(c, call, "call.missed", message, now);
}

}  // namespace shiftdesk::app
