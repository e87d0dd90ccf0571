// Use cases of leave (R4): plan and cancel leave, who is away, and the due work before, at the start and at the end
// of a leave: reminders while it is not ready, the leads alerted when it starts unready, the diversion applied and
// removed (R13). While a leave lasts its engineer is off every queue and cannot be given a ticket.
#include "store/leaves.hpp"

#include "app/command_support.hpp"
#include "app/leaves.hpp"
#include "app/validation.hpp"
#include "policy/leave_policy.hpp"
#include "store/handoff.hpp"
#include "store/notifications.hpp"
#include "store/outbox.hpp"
#include "store/timers.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

constexpr TextLimits kLeaveNote{0, 2000, true};
constexpr std::string_view kLeaveStarts = "leave.start";
constexpr std::string_view kLeaveEnds = "leave.end";
constexpr std::string_view kLeaveReminder = "leave.remind";

std::vector<std::string> LeaveTimerKinds() {
    return {std::string(kLeaveStarts), std::string(kLeaveEnds), std::string(kLeaveReminder)};
}

struct CheckedPlan {
    CivilDay first_day;
    CivilDay last_day;
    domain::LeaveKind kind = domain::LeaveKind::kVacation;
    std::string note;
};

Result<CivilDay> Day(std::string_view field, const std::string& text) {
    const auto day = ParseIsoDate(text);
    if (!day) return Invalid(std::string(field), std::string(field) + " must be a calendar date, YYYY-MM-DD");
    return *day;
}

Result<CheckedPlan> Checked(const PlanLeaveCmd& cmd) {
    CheckedPlan p;
    p.first_day = SD_TRY(Day("first_day", cmd.first_day));
    p.last_day = SD_TRY(Day("last_day", cmd.last_day));
    if (p.last_day < p.first_day)
        return Invalid("last_day", "last_day is before first_day: a leave ends after it starts");
    const auto kind = domain::ValueOf(domain::kLeaveKindNames, cmd.kind);
    if (!kind) return Invalid("kind", "kind must be " + domain::Choices(domain::kLeaveKindNames));
    p.kind = *kind;
    p.note = SD_TRY(CheckText("note", cmd.note, kLeaveNote));
    return p;
}

Result<domain::Leave> LoadLeave(store::Conn& c, std::int64_t id) {
    auto found = SD_TRY(store::FindLeave(c, id));
    if (!found) return NotFound("no leave " + std::to_string(id));
    return std::move(*found);
}

std::vector<domain::FieldChange> Describe(const domain::Leave& l) {
    return {{"leave_id", {}, l.id},
            {"user_id", {}, l.user_id},
            {"first_day", {}, l.first_day},
            {"last_day", {}, l.last_day},
            {"kind", {}, std::string(domain::ToString(l.kind))}};
}

}  // namespace

void Leaves::PlanLeave(const domain::Actor& actor, PlanLeaveCmd cmd, Done<LeaveView> done) {
    auto plan = Checked(cmd);
    if (!plan) return done(plan.error());
    auto zone = TimeZone::Find(options_.policy.calendar.time_zone, "calendar.time_zone");
    if (!zone) return done(zone.error());
    Write<LeaveView>(
        actor,
        [actor, user_id = cmd.user_id.value_or(actor.id), plan = *plan, zone = *zone, settings = options_.policy](
            store::Conn& c, Millis now) -> Result<LeaveView> {
            const CivilDay today = zone.DayOf(now);
            SD_CHECK(CheckDayWindow("first_day", plan.first_day, today, settings.dates));
            SD_CHECK(CheckDayWindow("last_day", plan.last_day, today, settings.dates));
            auto person = SD_TRY(store::FindUser(c, user_id));
            if (!person) return Invalid("user_id", "no user " + std::to_string(user_id));
            domain::Leave l;
            l.user_id = person->id;
            l.first_day = FormatIsoDate(plan.first_day);
            l.last_day = FormatIsoDate(plan.last_day);
            l.starts_at = zone.StartOf(plan.first_day);
            l.ends_at = zone.StartOf(plan.last_day + 1);
            policy::LeavePlanFacts facts{*person, plan.first_day, plan.last_day, today, std::nullopt};
            if (plan.first_day <= plan.last_day) {
                facts.overlapping = SD_TRY(store::OverlappingLeave(c, person->id, l.starts_at, l.ends_at));
            }
            const auto d = policy::DecidePlanLeave(actor, facts, settings);
            if (!d.allowed()) return Refuse(d, "leave.planned", std::nullopt);
            l.kind = plan.kind;
            l.note = plan.note;
            l.created_by = actor.id;
            l.created_at = now;
            l.updated_at = now;
            l = SD_TRY(store::InsertLeave(c, std::move(l)));
            SD_CHECK(store::ScheduleTimer(c, kLeaveStarts, l.id, l.starts_at));
            SD_CHECK(store::ScheduleTimer(c, kLeaveEnds, l.id, l.ends_at));
            for (const int days : settings.leave_reminder_days) {
                // Calendar days in the team's zone: "two days before" stays midnight across a clock change.
                const Millis at = zone.StartOf(plan.first_day + (-days));
                if (at > now) SD_CHECK(store::ScheduleTimer(c, kLeaveReminder, l.id, at));
            }
            SD_CHECK(RecordEvent(c, actor.id, now, "leave.planned", {}, rule::R4, Describe(l)));
            return ViewOfLeave(c, std::move(l), settings);
        },
        std::move(done));
}

void Leaves::CancelLeave(const domain::Actor& actor, std::int64_t id, Done<LeaveView> done) {
    Write<LeaveView>(
        actor,
        [actor, id, settings = &options_.policy](store::Conn& c, Millis now) -> Result<LeaveView> {
            domain::Leave l = SD_TRY(LoadLeave(c, id));
            const auto d = policy::DecideCancelLeave(actor, l, now);
            if (!d.allowed()) return Refuse(d, "leave.cancelled", std::nullopt);
            if (!d.changes()) return ViewOfLeave(c, std::move(l), *settings);
            l.state = domain::LeaveState::kCancelled;
            l.updated_at = now;
            SD_CHECK(store::UpdateLeaveState(c, l));
            SD_CHECK(store::CancelTimers(c, l.id, LeaveTimerKinds()));
            // A leave cancelled after it began takes its diversion off the phone again (R13).
            if (l.starts_at <= now) SD_CHECK(RemoveDiversionAtEnd(c, l, now));
            SD_CHECK(CancelPlannedDiversion(c, l, now));
            SD_CHECK(store::CancelPendingOutbox(c, store::OutboxKind::kMail, l.id));
            auto changes = Describe(l);
            changes.push_back({"state", std::string("planned"), std::string("cancelled")});
            SD_CHECK(RecordEvent(c, actor.id, now, "leave.cancelled", {}, rule::R4, std::move(changes)));
            return ViewOfLeave(c, std::move(l), *settings);
        },
        std::move(done));
}

Result<LeaveView> Leaves::GetLeave(const domain::Actor& actor, std::int64_t id) {
    const auto d = policy::DecideViewLeave(actor);
    if (!d.allowed()) return Refuse(d, "leave.viewed", std::nullopt);
    return Read<LeaveView>([&](store::Conn& c) -> Result<LeaveView> {
        auto l = SD_TRY(LoadLeave(c, id));
        return ViewOfLeave(c, std::move(l), options_.policy);
    });
}

Result<std::vector<LeaveView>> Leaves::ListLeaves(const domain::Actor& actor, const store::LeaveQuery& query) {
    const auto d = policy::DecideViewLeave(actor);
    if (!d.allowed()) return Refuse(d, "leave.viewed", std::nullopt);
    return Read<std::vector<LeaveView>>([&](store::Conn& c) -> Result<std::vector<LeaveView>> {
        std::vector<LeaveView> out;
        for (auto& l : SD_TRY(store::ListLeaves(c, query))) {
            out.push_back(SD_TRY(ViewOfLeave(c, std::move(l), options_.policy)));
        }
        return out;
    });
}

namespace {

// Days before the start, while not ready: the engineer hears what is missing.
Result<void> RemindIfNotReady(store::Conn& c, const policy::Settings& settings, const domain::Leave& leave,
                              Millis now) {
    const auto view = SD_TRY(ViewOfLeave(c, leave, settings));
    if (view.readiness.ready) return {};
    SD_CHECK(Notify(c, {leave.user_id}, "leave.not_ready", std::nullopt, std::nullopt, rule::R4,
                    "Your leave from " + leave.first_day + " is not ready yet: " +
                        policy::MissingSummary(view.readiness),
                    now));
    return RecordEvent(c, std::nullopt, now, "leave.reminded", {}, rule::R4,
                       {{"leave_id", {}, leave.id}, {"missing", {}, policy::MissingSummary(view.readiness)}});
}

// At the start: an unready leave goes to the shift leads (R4).
Result<void> AlertLeadsIfNotReady(store::Conn& c, const policy::Settings& settings, const domain::Leave& leave,
                                  Millis now) {
    const auto view = SD_TRY(ViewOfLeave(c, leave, settings));
    if (view.readiness.ready) return {};
    const auto person = SD_TRY(store::FindUser(c, leave.user_id));
    const std::string who = person ? person->name : "user " + std::to_string(leave.user_id);
    SD_CHECK(Notify(c, SD_TRY(store::ActiveLeads(c)), "leave.started_not_ready", std::nullopt, std::nullopt, rule::R4,
                    who + "'s leave has started and is not ready: " + policy::MissingSummary(view.readiness), now));
    return RecordEvent(c, std::nullopt, now, "leave.started_not_ready", {}, rule::R4,
                       {{"leave_id", {}, leave.id}, {"missing", {}, policy::MissingSummary(view.readiness)}});
}

}  // namespace

Result<void> FireLeaveTimer(store::Conn& c, const policy::Settings& settings, const store::Timer& timer, Millis now) {
    const auto leave = SD_TRY(store::FindLeave(c, timer.subject_id));
    if (!leave || leave->state != domain::LeaveState::kPlanned) return {};
    if (timer.kind == kLeaveReminder) return RemindIfNotReady(c, settings, *leave, now);
    const bool starts = timer.kind == kLeaveStarts;
    SD_CHECK(
        RecordEvent(c, std::nullopt, now, starts ? "leave.started" : "leave.ended", {}, rule::R4, Describe(*leave)));
    if (starts) {
        SD_CHECK(AlertLeadsIfNotReady(c, settings, *leave, now));
        return ApplyDiversionAtStart(c, *leave, now);
    }
    return RemoveDiversionAtEnd(c, *leave, now);
}

bool IsLeaveTimer(const store::Timer& timer) {
    return timer.kind == kLeaveStarts || timer.kind == kLeaveEnds || timer.kind == kLeaveReminder;
}

Result<void> AttachLeave(store::Conn& c, domain::User& user, Millis now) {
    if (domain::CanOwnTickets(user.role)) user.on_leave = SD_TRY(store::LeaveAt(c, user.id, now));
    return {};
}

}  // namespace shiftdesk::app
