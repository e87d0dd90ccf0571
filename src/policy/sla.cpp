#include "policy/sla.hpp"

#include <algorithm>

namespace shiftdesk::policy {
namespace {

using domain::TicketStatus;

// Paused clocks keep their business time left; this marks a clock that was not running when the ticket paused.
constexpr Millis kNotRunning = -1;

Millis Minutes(int m) { return Millis{m} * kMinute; }
Millis Share(Millis whole, int percent) { return whole * percent / 100; }

bool Stopped(TicketStatus s) { return s == TicketStatus::kSolved || s == TicketStatus::kClosed; }
bool Paused(TicketStatus s) { return s == TicketStatus::kPending; }

// The policy's update target now: the first response until there has been one, then the next update.
Millis UpdateTarget(const domain::SlaClocks& sla, const SlaContext& ctx) {
    return Minutes(sla.first_response_at ? ctx.target.next_update : ctx.target.first_response);
}

void StartUpdateClock(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    const Millis target = UpdateTarget(sla, ctx);
    sla.reported &= ~(kUpdateWarning | kUpdateBreach);
    if (target <= 0) {
        sla.update_due.reset();
        sla.update_warn_at.reset();
        return;
    }
    sla.update_due = ctx.clock.Add(now, target);
    sla.update_warn_at = ctx.clock.Add(now, Share(target, ctx.warn_percent));
}

void StartResolutionClock(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    const Millis target = Minutes(ctx.target.resolution);
    sla.reported &= ~(kResolutionWarning | kResolutionBreach);
    if (target <= 0) {
        sla.resolution_due.reset();
        sla.resolution_warn_at.reset();
        return;
    }
    sla.resolution_due = ctx.clock.Add(now, target);
    sla.resolution_warn_at = ctx.clock.Add(now, Share(target, ctx.warn_percent));
}

Millis Left(const SlaContext& ctx, Millis now, const std::optional<Millis>& at) {
    return at ? ctx.clock.Between(now, *at) : kNotRunning;
}
std::optional<Millis> Resume(const SlaContext& ctx, Millis now, Millis left) {
    return left == kNotRunning ? std::nullopt : std::optional<Millis>(ctx.clock.Add(now, left));
}

void Pause(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    sla.paused_at = now;
    sla.update_left = Left(ctx, now, sla.update_due);
    sla.update_warn_left = Left(ctx, now, sla.update_warn_at);
    sla.resolution_left = Left(ctx, now, sla.resolution_due);
    sla.resolution_warn_left = Left(ctx, now, sla.resolution_warn_at);
    sla.update_due.reset();
    sla.update_warn_at.reset();
    sla.resolution_due.reset();
    sla.resolution_warn_at.reset();
}

void Unpause(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    sla.update_due = Resume(ctx, now, sla.update_left);
    sla.update_warn_at = Resume(ctx, now, sla.update_warn_left);
    sla.resolution_due = Resume(ctx, now, sla.resolution_left);
    sla.resolution_warn_at = Resume(ctx, now, sla.resolution_warn_left);
    sla.paused_at.reset();
    sla.update_left = sla.update_warn_left = sla.resolution_left = sla.resolution_warn_left = 0;
}

void StopAll(domain::SlaClocks& sla) {
    sla.update_due.reset();
    sla.update_warn_at.reset();
    sla.resolution_due.reset();
    sla.resolution_warn_at.reset();
    sla.promised_at.reset();
    sla.paused_at.reset();
    sla.update_left = sla.update_warn_left = sla.resolution_left = sla.resolution_warn_left = 0;
}

struct Clock {
    std::string_view name;
    std::optional<Millis> warn_at;
    std::optional<Millis> due;
    Threshold warning;
    Threshold breach;
};

std::vector<Clock> Running(const domain::SlaClocks& sla, const SlaContext& ctx) {
    std::vector<Clock> clocks;
    if (sla.update_due) {
        clocks.push_back({sla.first_response_at ? "next_update" : "first_response", sla.update_warn_at, sla.update_due,
                          kUpdateWarning, kUpdateBreach});
    }
    if (sla.resolution_due) {
        clocks.push_back(
            {"resolution", sla.resolution_warn_at, sla.resolution_due, kResolutionWarning, kResolutionBreach});
    }
    if (sla.promised_at) {
        clocks.push_back(
            {"promise", *sla.promised_at - ctx.promise_warning, sla.promised_at, kPromiseWarning, kPromiseBreach});
    }
    return clocks;
}

}  // namespace

std::map<std::string, std::array<SlaTarget, 4>, std::less<>> SlaPolicy::DefaultPlans() {
    // Business minutes: first response, next update, resolution; for low, normal, high, urgent.
    return {
        {"standard", {{{1440, 2880, 14400}, {480, 1440, 7200}, {240, 480, 2880}, {120, 240, 1440}}}},
        {"business", {{{480, 1440, 7200}, {240, 480, 2880}, {120, 240, 1440}, {60, 120, 480}}}},
        {"enterprise", {{{240, 480, 2880}, {120, 240, 1440}, {60, 120, 480}, {30, 60, 240}}}},
    };
}

SlaTarget TargetFor(const SlaPolicy& policy, std::string_view plan, domain::Priority priority, bool critical) {
    auto it = policy.plans.find(plan);
    if (it == policy.plans.end()) it = policy.plans.find(policy.default_plan);
    if (it == policy.plans.end()) return {};
    SlaTarget t = it->second[static_cast<std::size_t>(priority)];
    if (critical) {
        const auto tighten = [&](int& m) {
            if (m > 0) m = std::max(1, m * policy.critical_percent / 100);
        };
        tighten(t.first_response);
        tighten(t.next_update);
        tighten(t.resolution);
    }
    return t;
}

void StartClocks(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    sla = {};
    sla.first_response_due = ctx.target.first_response > 0
                                 ? std::optional<Millis>(ctx.clock.Add(now, Minutes(ctx.target.first_response)))
                                 : std::nullopt;
    StartUpdateClock(sla, ctx, now);
    StartResolutionClock(sla, ctx, now);
    Refresh(sla, ctx, now);
}

void OnPublicReply(domain::SlaClocks& sla, const SlaContext& ctx, Millis now, std::optional<Millis> new_promise) {
    if (!sla.first_response_at) sla.first_response_at = now;
    if (sla.paused_at) {
        // Replying while waiting on the customer: the next update's clock starts when they answer.
        const Millis target = UpdateTarget(sla, ctx);
        sla.update_left = target > 0 ? target : kNotRunning;
        sla.update_warn_left = target > 0 ? Share(target, ctx.warn_percent) : kNotRunning;
        sla.reported &= ~(kUpdateWarning | kUpdateBreach);
    } else if (sla.update_due || sla.resolution_due) {
        StartUpdateClock(sla, ctx, now);
    }
    sla.promised_at = new_promise;
    sla.reported &= ~(kPromiseWarning | kPromiseBreach);
    Refresh(sla, ctx, now);
}

void OnPromise(domain::SlaClocks& sla, const SlaContext& ctx, Millis now, Millis by) {
    sla.promised_at = by;
    sla.reported &= ~(kPromiseWarning | kPromiseBreach);
    Refresh(sla, ctx, now);
}

void OnStatusChange(domain::SlaClocks& sla, const SlaContext& ctx, Millis now, TicketStatus from, TicketStatus to) {
    if (from == to) return;
    if (Stopped(to)) {
        StopAll(sla);
    } else if (Stopped(from)) {
        // Reopened: the customer is waiting for an answer again.
        StartUpdateClock(sla, ctx, now);
        StartResolutionClock(sla, ctx, now);
        sla.reported &= ~(kPromiseWarning | kPromiseBreach);
        if (Paused(to)) Pause(sla, ctx, now);
    } else if (Paused(to)) {
        Pause(sla, ctx, now);
    } else if (Paused(from)) {
        Unpause(sla, ctx, now);
    }
    Refresh(sla, ctx, now);
}

void OnRetarget(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    const Millis update = UpdateTarget(sla, ctx);
    const Millis resolution = Minutes(ctx.target.resolution);
    if (sla.paused_at) {
        if (update > 0 && sla.update_left != kNotRunning && update < sla.update_left) {
            sla.update_left = update;
            sla.update_warn_left = Share(update, ctx.warn_percent);
        }
        if (resolution > 0 && sla.resolution_left != kNotRunning && resolution < sla.resolution_left) {
            sla.resolution_left = resolution;
            sla.resolution_warn_left = Share(resolution, ctx.warn_percent);
        }
    } else {
        if (update > 0 && sla.update_due && ctx.clock.Add(now, update) < *sla.update_due) {
            StartUpdateClock(sla, ctx, now);
            if (!sla.first_response_at) sla.first_response_due = sla.update_due;
        }
        if (resolution > 0 && sla.resolution_due && ctx.clock.Add(now, resolution) < *sla.resolution_due) {
            StartResolutionClock(sla, ctx, now);
        }
    }
    Refresh(sla, ctx, now);
}

void Refresh(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    // Until the first reply, the update that is due is the first response: its due time moves with pauses.
    if (!sla.first_response_at && sla.update_due) sla.first_response_due = sla.update_due;
    domain::SlaState state = domain::SlaState::kOk;
    std::optional<Millis> breached_at;
    std::optional<Millis> next;
    const auto unreported = [&](Threshold bit, Millis at) {
        if (!(sla.reported & bit) && (!next || at < *next)) next = at;
    };
    for (const Clock& c : Running(sla, ctx)) {
        const Millis due = *c.due;
        if (due <= now) {
            state = domain::SlaState::kBreached;
            breached_at = breached_at ? std::min(*breached_at, due) : due;
        } else if (c.warn_at && *c.warn_at <= now && state == domain::SlaState::kOk) {
            state = domain::SlaState::kWarning;
        }
        unreported(c.breach, due);
        if (c.warn_at && !(sla.reported & c.breach)) unreported(c.warning, *c.warn_at);
    }
    sla.state = state;
    sla.breached_at = breached_at;
    sla.check_at = next;
}

std::vector<Crossing> Evaluate(domain::SlaClocks& sla, const SlaContext& ctx, Millis now) {
    std::vector<Crossing> crossed;
    for (const Clock& c : Running(sla, ctx)) {
        if (*c.due <= now) {
            if (!(sla.reported & c.breach)) crossed.push_back({c.breach, c.name, true, *c.due});
            sla.reported |= c.breach | c.warning;  // a breach says more than the warning it passed
        } else if (c.warn_at && *c.warn_at <= now && !(sla.reported & c.warning)) {
            crossed.push_back({c.warning, c.name, false, *c.due});
            sla.reported |= c.warning;
        }
    }
    Refresh(sla, ctx, now);
    std::sort(crossed.begin(), crossed.end(), [](const Crossing& a, const Crossing& b) { return a.due < b.due; });
    return crossed;
}

std::optional<Millis> DueFirst(const domain::SlaClocks& sla) {
    std::optional<Millis> first;
    for (const auto& t : {sla.update_due, sla.promised_at, sla.resolution_due}) {
        if (t && (!first || *t < *first)) first = t;
    }
    return first;
}

}  // namespace shiftdesk::policy
