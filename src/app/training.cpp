// Use cases of training requests (R14): the success team (or an engineer) files one; a short technical session is
// open to any engineer on queue, anything else waits for a shift lead, who decides with the customer, the plan and
// the team's load in view. An accepted session becomes a call (R3).
#include "app/training.hpp"

#include "app/calls.hpp"
#include "app/command_support.hpp"
#include "app/validation.hpp"
#include "common/time.hpp"
#include "policy/call_policy.hpp"
#include "policy/desk_policy.hpp"
#include "store/calls.hpp"
#include "store/leaves.hpp"
#include "store/notifications.hpp"
#include "store/requests.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

constexpr int kMaxSessionMinutes = 8 * 60;

Result<domain::TrainingRequest> LoadTraining(store::Conn& c, std::int64_t id) {
    auto found = SD_TRY(store::FindTraining(c, id));
    if (!found) return NotFound("no training request " + std::to_string(id));
    return std::move(*found);
}

Result<domain::TrainingRequest> Checked(const FileTrainingCmd& cmd, const policy::Settings& s) {
    domain::TrainingRequest t;
    t.customer_name = SD_TRY(CheckText("customer.name", cmd.customer_name, kOneLine));
    if (!cmd.customer_email.empty()) t.customer_email = SD_TRY(CheckEmail("customer.email", cmd.customer_email));
    t.plan = cmd.plan ? SD_TRY(CheckPlan("customer.plan", *cmd.plan)) : s.sla.default_plan;
    if (!s.sla.KnowsPlan(t.plan)) return Invalid("customer.plan", "unknown plan \"" + t.plan + "\"");
    t.critical = cmd.critical;
    const auto kind = domain::ValueOf(domain::kTrainingKindNames, cmd.kind);
    if (!kind) return Invalid("kind", "kind must be " + domain::Choices(domain::kTrainingKindNames));
    t.kind = *kind;
    if (cmd.minutes < 1 || cmd.minutes > kMaxSessionMinutes) {
        return Invalid("minutes", "minutes must be from 1 to " + std::to_string(kMaxSessionMinutes));
    }
    t.minutes = cmd.minutes;
    t.topic = SD_TRY(CheckText("topic", cmd.topic, kOneLine));
    t.requested_by = SD_TRY(CheckText("requested_by", cmd.requested_by, kOneLine));
    return t;
}

std::string SessionTitle(const domain::TrainingRequest& r) {
    return std::string(r.kind == domain::TrainingKind::kTraining ? "Training" : "Technical session") + ": " + r.topic +
           " (" + r.customer_name + ")";
}

}  // namespace

void Training::FileTraining(const domain::Actor& actor, FileTrainingCmd cmd, Done<domain::TrainingRequest> done) {
    auto checked = Checked(cmd, options_.policy);
    if (!checked) return done(checked.error());
    Write<domain::TrainingRequest>(
        actor,
        [actor, t = std::move(*checked), settings = &options_.policy](
            store::Conn& c, Millis now) mutable -> Result<domain::TrainingRequest> {
            const auto d = policy::DecideFileTraining(actor);
            if (!d.allowed()) return Refuse(d, "training.filed", std::nullopt);
            t.route = policy::RouteOf(t.kind, t.minutes, *settings);
            t.state = domain::TrainingState::kWaiting;
            t.filed_by = actor.id;
            t.created_at = now;
            t.updated_at = now;
            t = SD_TRY(store::InsertTraining(c, std::move(t)));
            SD_CHECK(RecordEvent(c, actor.id, now, "training.filed", {}, rule::R14,
                                 {{"training_request_id", {}, t.id},
                                  {"kind", {}, std::string(domain::ToString(t.kind))},
                                  {"minutes", {}, std::int64_t{t.minutes}},
                                  {"route", {}, std::string(domain::ToString(t.route))}}));
            if (t.route == domain::TrainingRoute::kShiftLead) {
                SD_CHECK(Notify(c, SD_TRY(store::ActiveLeads(c)), "training.waiting", std::nullopt, std::nullopt,
                                rule::R14,
                                SessionTitle(t) + ", " + std::to_string(t.minutes) + " min, " + t.plan +
                                    (t.critical ? ", critical" : "") + ": waiting for a shift lead",
                                now));
            }
            return t;
        },
        std::move(done));
}

void Training::AcceptTraining(const domain::Actor& actor, std::int64_t id, AcceptTrainingCmd cmd,
                              Done<TrainingOutcome> done) {
    auto url = CheckJoinUrl("join_url", cmd.join_url);
    if (!url) return done(url.error());
    cmd.join_url = std::move(*url);
    auto note = CheckText("note", cmd.note, {0, 20000, true});
    if (!note) return done(note.error());
    Write<TrainingOutcome>(
        actor,
        [actor, id, cmd, note = *note, settings = &options_.policy](store::Conn& c,
                                                                    Millis now) -> Result<TrainingOutcome> {
            domain::TrainingRequest r = SD_TRY(LoadTraining(c, id));
            const domain::UserId owner_id = cmd.owner_id.value_or(actor.id);
            auto owner = SD_TRY(store::FindUser(c, owner_id));
            if (!owner) return Invalid("owner_id", "no user " + std::to_string(owner_id));
            const bool away_now = SD_TRY(store::LeaveAt(c, owner->id, now)).has_value();
            const bool away_then = SD_TRY(store::LeaveAt(c, owner->id, cmd.starts_at)).has_value();
            const policy::AcceptFacts facts{r, *owner, away_now, away_then, owner->OffQueueWindow(now)};
            const auto d = policy::DecideAcceptTraining(actor, facts);
            if (!d.allowed()) return Refuse(d, "training.accepted", std::nullopt);
            if (cmd.starts_at <= now) return Invalid("starts_at", "starts_at must be in the future");
            SD_CHECK(CheckDateWindow("starts_at", cmd.starts_at, now, settings->dates));

            domain::Call call;
            call.training_request_id = r.id;
            call.owner_id = owner->id;
            call.starts_at = cmd.starts_at;
            call.minutes = r.minutes;
            call.join_url = cmd.join_url;
            call.topic = SessionTitle(r);
            call.attendees = {r.requested_by};
            if (r.requested_by != r.customer_name) call.attendees.push_back(r.customer_name);
            auto scheduled = SD_TRY(ScheduleCallIn(c, *settings, actor, now, std::move(call)));

            r.state = domain::TrainingState::kAccepted;
            r.owner_id = owner->id;
            r.call_id = scheduled.call.id;
            r.decided_by = actor.id;
            r.decision_note = note;
            r.updated_at = now;
            if (!SD_TRY(store::DecideTraining(c, r))) {
                return MakeError(ErrorCode::kConflict, "this request was decided meanwhile");
            }
            SD_CHECK(RecordEvent(
                c, actor.id, now, "training.accepted", {}, rule::R14,
                {{"training_request_id", {}, r.id}, {"owner_id", {}, owner->id}, {"call_id", {}, scheduled.call.id}}));
            if (owner->id != actor.id) {
                SD_CHECK(Notify(c, {owner->id}, "training.assigned", std::nullopt, scheduled.call.id, rule::R14,
                                actor.name + " gave you " + SessionTitle(r) + " at " + FormatRfc3339(cmd.starts_at),
                                now));
            }
            return TrainingOutcome{r, scheduled.call, std::move(scheduled.warnings)};
        },
        std::move(done));
}

void Training::DeclineTraining(const domain::Actor& actor, std::int64_t id, std::string note,
                               Done<domain::TrainingRequest> done) {
    auto checked = CheckText("note", note, kBody);
    if (!checked) return done(checked.error());
    Write<domain::TrainingRequest>(
        actor,
        [actor, id, note = *checked](store::Conn& c, Millis now) -> Result<domain::TrainingRequest> {
            domain::TrainingRequest r = SD_TRY(LoadTraining(c, id));
            const auto d = policy::DecideDeclineTraining(actor, r);
            if (!d.allowed()) return Refuse(d, "training.declined", std::nullopt);
            r.state = domain::TrainingState::kDeclined;
            r.decided_by = actor.id;
            r.decision_note = note;
            r.updated_at = now;
            if (!SD_TRY(store::DecideTraining(c, r))) {
                return MakeError(ErrorCode::kConflict, "this request was decided meanwhile");
            }
            SD_CHECK(RecordEvent(c, actor.id, now, "training.declined", {}, rule::R14,
                                 {{"training_request_id", {}, r.id}, {"note", {}, note}}));
            SD_CHECK(Notify(c, {r.filed_by}, "training.declined", std::nullopt, std::nullopt, rule::R14,
                            SessionTitle(r) + " was declined: " + note, now));
            return r;
        },
        std::move(done));
}

Result<std::vector<domain::TrainingRequest>> Training::ListTraining(const domain::Actor& actor,
                                                                    store::TrainingQuery query) {
    if (const auto d = policy::DecideUseDesk(actor); !d.allowed()) return RefuseUnaudited(d);
    if (!policy::SeesWholeTeam(actor)) {
        query.filed_by = actor.id;
        query.open_too = domain::CanOwnTickets(actor.role);  // engineers see what is open to them
    }
    return Read<std::vector<domain::TrainingRequest>>([&](store::Conn& c) { return store::ListTraining(c, query); });
}

Result<domain::TrainingRequest> Training::GetTraining(const domain::Actor& actor, std::int64_t id) {
    auto r = SD_TRY(Read<domain::TrainingRequest>([&](store::Conn& c) { return LoadTraining(c, id); }));
    if (!policy::MaySeeTraining(actor, r)) return NotFound("no training request " + std::to_string(id));
    return r;
}

bool Training::SeesTeamLoad(const domain::Actor& actor) { return policy::DecideSeeTeamLoad(actor).allowed(); }

Result<std::vector<TeamLoad>> Training::TeamLoadNow(const domain::Actor& actor) {
    if (const auto d = policy::DecideSeeTeamLoad(actor); !d.allowed()) return RefuseUnaudited(d);
    const Millis now = clock_.Now();
    return Read<std::vector<TeamLoad>>([now](store::Conn& c) -> Result<std::vector<TeamLoad>> {
        std::vector<TeamLoad> team;
        std::vector<domain::UserId> ids;
        for (auto& u : SD_TRY(store::ListUsers(c))) {
            if (!domain::CanOwnTickets(u.role) || !u.active) continue;
            SD_CHECK(AttachLeave(c, u, now));
            ids.push_back(u.id);
            team.push_back({std::move(u), 0, 0});
        }
        const auto open = SD_TRY(store::OpenTicketCounts(c, ids));
        const auto risk = SD_TRY(store::OpenSlaCounts(c, ids));
        for (auto& m : team) {
            m.open_tickets = open.at(m.user.id);
            m.at_risk = risk.at(m.user.id).warning;
            m.breached = risk.at(m.user.id).breached;
            store::CallQuery q;
            q.owner_id = m.user.id;
            q.from = now;
            q.to = now + 7 * kDay;
            q.include_cancelled = false;
            m.calls_next_week = static_cast<std::int64_t>(SD_TRY(store::ListCalls(c, q)).size());
        }
        return team;
    });
}

}  // namespace shiftdesk::app
