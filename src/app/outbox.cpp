// The outbox's use cases, for its dispatcher (jobs/outbox_dispatcher): claim what is due, and record how each
// delivery went — the hand-off email accepted (R5), a diversion applied or removed (R13) — with retries that back
// off up to a bound, and the people who must know told when a delivery keeps failing, is refused or is given up;
// at start, release what a process that is no longer running had claimed.
#include "store/outbox.hpp"

#include <algorithm>

#include "app/command_support.hpp"
#include "app/options.hpp"
#include "app/outbox.hpp"
#include "store/handoff.hpp"
#include "store/leaves.hpp"
#include "store/notifications.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::DiversionState;

constexpr Millis kFirstRetry = 30 * kSecond;
constexpr Millis kLongestWait = 30 * kMinute;

Millis Backoff(int attempts) {
    Millis wait = kFirstRetry;
    for (int i = 1; i < attempts && wait < kLongestWait; ++i) wait *= 2;
    return std::min(wait, kLongestWait);
}

std::string UserName(const std::optional<domain::User>& u, domain::UserId id) {
    return u ? u->name : "user " + std::to_string(id);
}

// Mail: the hand-off email of a leave (R5). Its engineer hears when it keeps failing or is refused.
Result<void> MailReport(store::Conn& c, const store::OutboxItem& item, const DeliveryReport& report,
                        const DeskOptions& options, Millis now) {
    const auto leave = SD_TRY(store::FindLeave(c, item.subject_id));
    if (!leave) return {};
    const std::vector<domain::FieldChange> about{{"leave_id", {}, leave->id}, {"outbox_id", {}, item.id},
                                                 {"attempts", {}, std::int64_t{item.attempts}}};
    switch (report.outcome) {
        case DeliveryOutcome::kDelivered:
            return RecordEvent(c, std::nullopt, now, "leave.handoff_sent", {}, rule::R5, about);
        case DeliveryOutcome::kInterrupted:  // reported only by mistake: it may not have arrived
        case DeliveryOutcome::kRetry:
            if (item.gave_up) {
                SD_CHECK(RecordEvent(c, std::nullopt, now, "leave.handoff_failed", {}, rule::R5, about));
                return Notify(c, {leave->user_id}, "handoff.mail_failed", std::nullopt, std::nullopt, rule::R5,
                              "The desk gave up on your hand-off email after " + std::to_string(item.attempts) +
                                  " attempts (last: " + report.detail +
                                  "). Check the mail settings with an admin, then send it again",
                              now);
            }
            if (item.attempts != options.outbox_alert_after) return {};
            return Notify(c, {leave->user_id}, "handoff.mail_delayed", std::nullopt, std::nullopt, rule::R5,
                          "Your hand-off email has not gone out after " + std::to_string(item.attempts) +
                              " attempts (" + report.detail + "); the desk keeps trying",
                          now);
        case DeliveryOutcome::kPermanent:
            SD_CHECK(RecordEvent(c, std::nullopt, now, "leave.handoff_refused", {}, rule::R5, about));
            return Notify(c, {leave->user_id}, "handoff.mail_refused", std::nullopt, std::nullopt, rule::R5,
                          "The mail server refused your hand-off email: " + report.detail, now);
    }
    return {};
}

// The phone system: a diversion applied or removed (R13). The leads hear when it keeps failing or is refused.
Result<void> DiversionReport(store::Conn& c, const store::OutboxItem& item, const DeliveryReport& report,
                             const DeskOptions& options, Millis now) {
    auto d = SD_TRY(store::FindDiversion(c, item.subject_id));
    if (!d) return {};
    const bool apply = item.kind == store::OutboxKind::kDiversionApply;
    const auto person = SD_TRY(store::FindUser(c, d->user_id));
    const std::string what = UserName(person, d->user_id) + "'s desk phone " + d->extension + " to " + d->target;
    const auto leads = SD_TRY(store::ActiveLeads(c));
    d->updated_at = now;
    switch (report.outcome) {
        case DeliveryOutcome::kDelivered:
            d->state = apply ? DiversionState::kActive : DiversionState::kRemoved;
            (apply ? d->applied_at : d->removed_at) = now;
            d->last_error.clear();
            SD_CHECK(store::UpdateDiversion(c, *d));
            return RecordEvent(c, std::nullopt, now, apply ? "diversion.applied" : "diversion.removed", {}, rule::R13,
                               {{"leave_id", {}, d->leave_id}, {"extension", {}, d->extension},
                                {"target", {}, d->target}});
        case DeliveryOutcome::kInterrupted:  // reported only by mistake: it may not have arrived
        case DeliveryOutcome::kRetry:
            d->last_error = report.detail;
            if (item.gave_up) {
                d->state = DiversionState::kFailed;
                SD_CHECK(store::UpdateDiversion(c, *d));
                SD_CHECK(RecordEvent(c, std::nullopt, now, apply ? "diversion.apply_failed" : "diversion.remove_failed",
                                     {}, rule::R13,
                                     {{"leave_id", {}, d->leave_id},
                                      {"error", {}, report.detail},
                                      {"attempts", {}, std::int64_t{item.attempts}}}));
                return Notify(c, leads, "diversion.failed", std::nullopt, std::nullopt, rule::R13,
                              "The desk gave up trying to " + std::string(apply ? "set" : "clear") +
                                  " the diversion of " + what + " after " + std::to_string(item.attempts) +
                                  " attempts (last: " + report.detail + "). Set it by hand on the phone system",
                              now);
            }
            SD_CHECK(store::UpdateDiversion(c, *d));
            if (item.attempts != options.outbox_alert_after) return {};
            return Notify(c, leads, "diversion.delayed", std::nullopt, std::nullopt, rule::R13,
                          "The phone system has not " + std::string(apply ? "taken" : "cleared") + " the diversion of " +
                              what + " after " + std::to_string(item.attempts) + " attempts (" + report.detail +
                              "); the desk keeps trying",
                          now);
        case DeliveryOutcome::kPermanent:
            d->state = DiversionState::kFailed;
            d->last_error = report.detail;
            SD_CHECK(store::UpdateDiversion(c, *d));
            SD_CHECK(RecordEvent(c, std::nullopt, now, apply ? "diversion.apply_failed" : "diversion.remove_failed", {},
                                 rule::R13, {{"leave_id", {}, d->leave_id}, {"error", {}, report.detail}}));
            return Notify(c, leads, "diversion.failed", std::nullopt, std::nullopt, rule::R13,
                          "The phone system refused to " + std::string(apply ? "set" : "clear") + " the diversion of " +
                              what + ": " + report.detail + ". Set it by hand on the phone system",
                          now);
    }
    return {};
}

}  // namespace

void Outbox::ClaimOutbox(store::OutboxLane lane, std::string instance, Millis lease, int limit,
                         Done<std::vector<store::OutboxItem>> done) {
    Write<std::vector<store::OutboxItem>>(
        std::nullopt,
        [lane, instance = std::move(instance), lease, limit](store::Conn& c,
                                                             Millis now) -> Result<std::vector<store::OutboxItem>> {
            auto due = SD_TRY(store::DueOutbox(c, lane, now, limit));
            for (auto& item : due) {
                ++item.attempts;
                item.next_attempt_at = now + lease;
                item.claimed_by = instance;
                SD_CHECK(store::UpdateOutbox(c, item));
            }
            return due;
        },
        std::move(done), /*announce=*/false);  // a lease is the dispatcher's bookkeeping
}

void Outbox::ReleaseOutboxLeases(std::string instance, Done<int> done) {
    Write<int>(
        std::nullopt,
        [instance = std::move(instance)](store::Conn& c, Millis now) -> Result<int> {
            const auto leased = SD_TRY(store::LeasedByOthers(c, instance));
            for (auto item : leased) {
                // The attempt it was on may have reached the other side before the process died: one duplicate
                // at most, the price of not losing it.
                SD_CHECK(RecordEvent(c, std::nullopt, now, "outbox.released", {},
                                     item.kind == store::OutboxKind::kMail ? rule::R5 : rule::R13,
                                     {{"outbox_id", {}, item.id},
                                      {"kind", {}, std::string(store::ToString(item.kind))},
                                      {"attempts", {}, std::int64_t{item.attempts}},
                                      {"claimed_by", item.claimed_by, std::string()}}));
                item.claimed_by.clear();
                item.next_attempt_at = now;
                SD_CHECK(store::UpdateOutbox(c, item));
            }
            return static_cast<int>(leased.size());
        },
        std::move(done));
}

Result<std::optional<Millis>> Outbox::NextOutboxAttempt(store::OutboxLane lane) {
    return Read<std::optional<Millis>>([lane](store::Conn& c) { return store::NextOutboxAttempt(c, lane); });
}

void Outbox::RecordDelivery(std::int64_t id, DeliveryReport report, Done<bool> done) {
    Write<bool>(
        std::nullopt,
        [id, report = std::move(report), options = &options_](store::Conn& c, Millis now) -> Result<bool> {
            auto item = SD_TRY(store::FindOutbox(c, id));
            // Cancelled while it was on its way (the leave was cancelled): nothing more to record.
            if (!item || item->state != store::OutboxState::kPending) return false;
            item->claimed_by.clear();
            const int max_attempts =
                item->kind == store::OutboxKind::kMail ? options->mail_max_attempts : options->phone_max_attempts;
            switch (report.outcome) {
                case DeliveryOutcome::kDelivered:
                    item->state = store::OutboxState::kDelivered;
                    item->delivered_at = now;
                    item->last_error.clear();
                    break;
                case DeliveryOutcome::kInterrupted:  // reported only by mistake: it may not have arrived
                case DeliveryOutcome::kRetry:
                    item->last_error = report.detail;
                    // The last attempt allowed: a final state rather than retrying for ever. (A crash during an
                    // attempt may add one: the attempt it was on counts, and the released item gets one more.)
                    if (item->attempts >= max_attempts) {
                        item->state = store::OutboxState::kFailed;
                        item->gave_up = true;
                    } else {
                        item->next_attempt_at = now + Backoff(item->attempts);
                    }
                    break;
                case DeliveryOutcome::kPermanent:
                    item->state = store::OutboxState::kFailed;
                    item->last_error = report.detail;
                    break;
            }
            SD_CHECK(store::UpdateOutbox(c, *item));
            if (item->kind == store::OutboxKind::kMail) {
                SD_CHECK(MailReport(c, *item, report, *options, now));
            } else {
                SD_CHECK(DiversionReport(c, *item, report, *options, now));
            }
            return true;
        },
        std::move(done));
}

}  // namespace shiftdesk::app
