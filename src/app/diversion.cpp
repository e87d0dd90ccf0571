// Use cases of call diversion (R13): desk phones, a leave's diversion target (the leads are told), the manual
// driver's confirmation, and the outbox work that applies a diversion at the leave's start and removes it at its end.
#include <boost/json.hpp>

#include "app/command_support.hpp"
#include "app/leaves.hpp"
#include "app/people.hpp"
#include "app/validation.hpp"
#include "policy/handoff_policy.hpp"
#include "store/handoff.hpp"
#include "store/leaves.hpp"
#include "store/notifications.hpp"
#include "store/outbox.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::DiversionState;
using domain::PhoneDriverKind;

constexpr store::OutboxKind kApply = store::OutboxKind::kDiversionApply;
constexpr store::OutboxKind kRemove = store::OutboxKind::kDiversionRemove;

Result<domain::Leave> LoadLeaveFor(store::Conn& c, std::int64_t id) {
    auto found = SD_TRY(store::FindLeave(c, id));
    if (!found) return NotFound("no leave " + std::to_string(id));
    return std::move(*found);
}

Result<void> Enqueue(store::Conn& c, store::OutboxKind kind, const domain::Diversion& d, Millis now) {
    store::OutboxItem item;
    item.kind = kind;
    item.subject_id = d.id;
    // What the phone system is told, as it was when the work was queued: the dispatcher needs nothing else.
    item.payload = boost::json::serialize(boost::json::object{{"extension", d.extension}, {"target", d.target}});
    item.next_attempt_at = now;
    item.created_at = now;
    SD_CHECK(store::InsertOutbox(c, std::move(item)));
    return {};
}

// The phone system gets one apply order per diversion: a leave that has begun but whose start timer has not fired
// yet would otherwise be queued twice, once when the diversion is set and once at the start (R13).
Result<void> EnqueueApply(store::Conn& c, const domain::Diversion& d, Millis now) {
    const auto latest = SD_TRY(store::LatestOutbox(c, kApply, d.id));
    if (latest && latest->state == store::OutboxState::kPending) return {};
    return Enqueue(c, kApply, d, now);
}

std::vector<domain::FieldChange> Describe(const domain::Diversion& d) {
    return {{"leave_id", {}, d.leave_id},
            {"extension", {}, d.extension},
            {"target", {}, d.target},
            {"driver", {}, std::string(domain::ToString(d.driver))},
            {"state", {}, std::string(domain::ToString(d.state))}};
}

Result<void> Persist(store::Conn& c, std::optional<domain::UserId> actor, Millis now, std::string_view action,
                     domain::Diversion& d) {
    d.updated_at = now;
    SD_CHECK(store::UpdateDiversion(c, d));
    return RecordEvent(c, actor, now, action, {}, rule::R13, Describe(d));
}

}  // namespace

void People::SetDeskPhone(const domain::Actor& actor, domain::UserId user_id, std::optional<std::string> extension,
                          Done<domain::User> done) {
    if (extension) {
        auto checked = CheckExtension("extension", *extension);
        if (!checked) return done(checked.error());
        extension = std::move(*checked);
    }
    Write<domain::User>(
        actor,
        [actor, user_id, extension](store::Conn& c, Millis now) -> Result<domain::User> {
            auto user = SD_TRY(store::FindUser(c, user_id));
            if (!user) return NotFound("no user " + std::to_string(user_id));
            const auto d = policy::DecideSetDeskPhone(actor, user->id);
            if (!d.allowed()) return Refuse(d, "user.desk_phone", std::nullopt);
            if (user->desk_phone == extension) {
                SD_CHECK(AttachLeave(c, *user, now));
                return std::move(*user);
            }
            SD_CHECK(store::SetDeskPhone(c, user->id, extension));
            SD_CHECK(RecordEvent(
                c, actor.id, now, "user.desk_phone", {}, d.rule,
                {{"user_id", {}, user->id},
                 {"desk_phone", user->desk_phone ? domain::FieldValue{*user->desk_phone} : domain::FieldValue{},
                  extension ? domain::FieldValue{*extension} : domain::FieldValue{}}}));
            user->desk_phone = extension;
            SD_CHECK(AttachLeave(c, *user, now));
            return std::move(*user);
        },
        std::move(done));
}

void Leaves::SetDiversion(const domain::Actor& actor, std::int64_t leave_id, std::string raw_target,
                          Done<LeaveView> done) {
    auto target = CheckPhoneTarget("target", raw_target);
    if (!target) return done(target.error());
    Write<LeaveView>(
        actor,
        [actor, leave_id, target = *target, driver = options_.phone_driver, settings = &options_.policy](
            store::Conn& c, Millis now) -> Result<LeaveView> {
            const auto leave = SD_TRY(LoadLeaveFor(c, leave_id));
            const auto person = SD_TRY(store::FindUser(c, leave.user_id));
            if (!person) return Internal("leave " + std::to_string(leave.id) + " belongs to no user");
            auto current = SD_TRY(store::DiversionOfLeave(c, leave.id));
            const auto d = policy::DecideSetDiversion(actor, leave, *person, current, now);
            if (!d.allowed()) return Refuse(d, "diversion.set", std::nullopt);
            if (target == *person->desk_phone) {
                return Invalid("target", "the target is " + person->name + "'s own desk phone: name a colleague or "
                                                                          "the team line");
            }
            domain::Diversion div = current.value_or(domain::Diversion{});
            div.user_id = person->id;
            div.leave_id = leave.id;
            div.extension = *person->desk_phone;
            div.target = target;
            div.driver = driver;
            div.state = DiversionState::kPlanned;
            div.confirmed_at.reset();
            div.last_error.clear();
            if (current) {
                SD_CHECK(store::CancelPendingOutbox(c, kApply, div.id));
                SD_CHECK(Persist(c, actor.id, now, "diversion.set", div));
            } else {
                div.created_at = now;
                div.updated_at = now;
                div = SD_TRY(store::InsertDiversion(c, std::move(div)));
                SD_CHECK(RecordEvent(c, actor.id, now, "diversion.set", {}, rule::R13, Describe(div)));
            }
            // Set during the leave: the phone system takes it now, not at a start that has passed.
            if (leave.starts_at <= now && driver != PhoneDriverKind::kManual) SD_CHECK(EnqueueApply(c, div, now));
            SD_CHECK(Notify(c, SD_TRY(store::ActiveLeads(c)), "diversion.set", std::nullopt, std::nullopt, rule::R13,
                            person->name + "'s desk phone " + div.extension + " forwards to " + div.target +
                                " during their leave " + leave.first_day + " to " + leave.last_day + " (" +
                                std::string(domain::ToString(driver)) + ")",
                            now));
            return ViewOfLeave(c, leave, *settings);
        },
        std::move(done));
}

void Leaves::ConfirmDiversion(const domain::Actor& actor, std::int64_t leave_id, Done<LeaveView> done) {
    Write<LeaveView>(
        actor,
        [actor, leave_id, settings = &options_.policy](store::Conn& c, Millis now) -> Result<LeaveView> {
            const auto leave = SD_TRY(LoadLeaveFor(c, leave_id));
            auto current = SD_TRY(store::DiversionOfLeave(c, leave.id));
            const auto d = policy::DecideConfirmDiversion(actor, leave, current);
            if (!d.allowed()) return Refuse(d, "diversion.confirmed", std::nullopt);
            if (d.changes()) {
                current->state = DiversionState::kConfirmed;
                current->confirmed_at = now;
                SD_CHECK(Persist(c, actor.id, now, "diversion.confirmed", *current));
            }
            return ViewOfLeave(c, leave, *settings);
        },
        std::move(done));
}

Result<void> ApplyDiversionAtStart(store::Conn& c, const domain::Leave& leave, Millis now) {
    auto d = SD_TRY(store::DiversionOfLeave(c, leave.id));
    if (!d || d->driver == PhoneDriverKind::kManual || d->state != DiversionState::kPlanned) return {};
    return EnqueueApply(c, *d, now);
}

Result<void> RemoveDiversionAtEnd(store::Conn& c, const domain::Leave& leave, Millis now) {
    auto d = SD_TRY(store::DiversionOfLeave(c, leave.id));
    if (!d) return {};
    SD_CHECK(store::CancelPendingOutbox(c, kApply, d->id));
    if (d->driver == PhoneDriverKind::kManual) {
        if (d->state != DiversionState::kConfirmed) return {};
        // Nobody but the engineer can take it off the phone: they are told, and the end is on record.
        SD_CHECK(Notify(c, {d->user_id}, "diversion.remove_by_hand", std::nullopt, std::nullopt, rule::R13,
                        "Your leave is over: turn call forwarding off on desk phone " + d->extension, now));
        d->state = DiversionState::kRemoved;
        d->removed_at = now;
        return Persist(c, std::nullopt, now, "diversion.ended", *d);
    }
    // Whatever reached the phone comes off it: an active diversion, and one whose apply may have half-happened.
    if (d->state == DiversionState::kActive || d->state == DiversionState::kFailed ||
        d->state == DiversionState::kPlanned) {
        const bool was_planned = d->state == DiversionState::kPlanned;
        SD_CHECK(Enqueue(c, kRemove, *d, now));
        if (was_planned) {
            d->state = DiversionState::kCancelled;
            SD_CHECK(Persist(c, std::nullopt, now, "diversion.cancelled", *d));
        }
    }
    return {};
}

Result<void> CancelPlannedDiversion(store::Conn& c, const domain::Leave& leave, Millis now) {
    auto d = SD_TRY(store::DiversionOfLeave(c, leave.id));
    if (!d || (d->state != DiversionState::kPlanned && d->state != DiversionState::kConfirmed)) return {};
    SD_CHECK(store::CancelPendingOutbox(c, kApply, d->id));
    if (d->state == DiversionState::kConfirmed) {
        // They set it on the phone already: only they can take it off again.
        SD_CHECK(Notify(c, {d->user_id}, "diversion.remove_by_hand", std::nullopt, std::nullopt, rule::R13,
                        "Your leave is cancelled: turn call forwarding off on desk phone " + d->extension, now));
    }
    d->state = DiversionState::kCancelled;
    return Persist(c, std::nullopt, now, "diversion.cancelled", *d);
}

}  // namespace shiftdesk::app
