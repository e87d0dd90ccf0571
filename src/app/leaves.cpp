// Use cases of leave (R4): plan and cancel leave, who is away, and the due work at a leave's start and end.
// While a leave lasts its engineer is off every queue (routing reads the leaves) and cannot be given a ticket.
#include "store/leaves.hpp"

#include "app/command_support.hpp"
#include "app/desk.hpp"
#include "app/validation.hpp"
#include "policy/leave_policy.hpp"
#include "store/timers.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

constexpr TextLimits kLeaveNote{0, 2000, true};
constexpr std::string_view kLeaveStarts = "leave.start";
constexpr std::string_view kLeaveEnds = "leave.end";

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

void Desk::PlanLeave(const domain::Actor& actor, PlanLeaveCmd cmd, Done<domain::Leave> done) {
    auto plan = Checked(cmd);
    if (!plan) return done(plan.error());
    auto zone = TimeZone::Find(options_.policy.calendar.time_zone, "calendar.time_zone");
    if (!zone) return done(zone.error());
    Write<domain::Leave>(
        actor,
        [actor, user_id = cmd.user_id.value_or(actor.id), plan = *plan, zone = *zone, settings = options_.policy](
            store::Conn& c, Millis now) -> Result<domain::Leave> {
            auto person = SD_TRY(store::FindUser(c, user_id));
            if (!person) return Invalid("user_id", "no user " + std::to_string(user_id));
            domain::Leave l;
            l.user_id = person->id;
            l.first_day = FormatIsoDate(plan.first_day);
            l.last_day = FormatIsoDate(plan.last_day);
            l.starts_at = zone.StartOf(plan.first_day);
            l.ends_at = zone.StartOf(plan.last_day + 1);
            policy::LeavePlanFacts facts{*person, plan.first_day, plan.last_day, zone.DayOf(now), std::nullopt};
            if (plan.first_day <= plan.last_day) {
                facts.overlapping = SD_TRY(store::OverlappingLeave(c, person->id, l.starts_at, l.ends_at));
            }
            const auto d = policy::DecidePlanLeave(actor, facts, settings);
            if (!d.allowed()) return Refusal(d, "leave.planned", std::nullopt);
            l.kind = plan.kind;
            l.note = plan.note;
            l.created_by = actor.id;
            l.created_at = now;
            l.updated_at = now;
            l = SD_TRY(store::InsertLeave(c, std::move(l)));
            SD_CHECK(store::ScheduleTimer(c, kLeaveStarts, l.id, l.starts_at));
            SD_CHECK(store::ScheduleTimer(c, kLeaveEnds, l.id, l.ends_at));
            SD_CHECK(RecordEvent(c, actor.id, now, "leave.planned", {}, rule::R4, Describe(l)));
            return l;
        },
        std::move(done));
}

void Desk::CancelLeave(const domain::Actor& actor, std::int64_t id, Done<domain::Leave> done) {
    Write<domain::Leave>(
        actor,
        [actor, id](store::Conn& c, Millis now) -> Result<domain::Leave> {
            domain::Leave l = SD_TRY(LoadLeave(c, id));
            const auto d = policy::DecideCancelLeave(actor, l, now);
            if (!d.allowed()) return Refusal(d, "leave.cancelled", std::nullopt);
            if (!d.changes()) return l;
            l.state = domain::LeaveState::kCancelled;
            l.updated_at = now;
            SD_CHECK(store::UpdateLeaveState(c, l));
            SD_CHECK(store::CancelTimers(c, l.id, {std::string(kLeaveStarts), std::string(kLeaveEnds)}));
            auto changes = Describe(l);
            changes.push_back({"state", std::string("planned"), std::string("cancelled")});
            SD_CHECK(RecordEvent(c, actor.id, now, "leave.cancelled", {}, rule::R4, std::move(changes)));
            return l;
        },
        std::move(done));
}

Result<domain::Leave> Desk::GetLeave(const domain::Actor& actor, std::int64_t id) {
    const auto d = policy::DecideViewLeave(actor);
    if (!d.allowed()) return Refusal(d, "leave.viewed", std::nullopt);
    return Read<domain::Leave>([&](store::Conn& c) { return LoadLeave(c, id); });
}

Result<std::vector<domain::Leave>> Desk::ListLeaves(const domain::Actor& actor, const store::LeaveQuery& query) {
    const auto d = policy::DecideViewLeave(actor);
    if (!d.allowed()) return Refusal(d, "leave.viewed", std::nullopt);
    return Read<std::vector<domain::Leave>>([&](store::Conn& c) { return store::ListLeaves(c, query); });
}

Result<void> FireLeaveTimer(store::Conn& c, const store::Timer& timer, Millis now) {
    const auto leave = SD_TRY(store::FindLeave(c, timer.subject_id));
    if (!leave || leave->state != domain::LeaveState::kPlanned) return {};
    const bool starts = timer.kind == kLeaveStarts;
    SD_CHECK(
        RecordEvent(c, std::nullopt, now, starts ? "leave.started" : "leave.ended", {}, rule::R4, Describe(*leave)));
    return {};
}

bool IsLeaveTimer(const store::Timer& timer) { return timer.kind == kLeaveStarts || timer.kind == kLeaveEnds; }

Result<void> AttachLeave(store::Conn& c, domain::User& user, Millis now) {
    if (domain::CanOwnTickets(user.role)) user.on_leave = SD_TRY(store::LeaveAt(c, user.id, now));
    return {};
}

}  // namespace shiftdesk::app
