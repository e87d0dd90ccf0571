// The SLA engine's rules (R2): targets by plan and priority, what starts, pauses, resumes and stops a ticket's
// clocks, and which warnings and breaches have come due. Pure and deterministic given the time zone database;
// thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/business_time.hpp"
#include "domain/entities.hpp"

namespace shiftdesk::policy {

// Business minutes: to the first public reply, between replies, to a solution.
struct SlaTarget {
    int first_response = 0;
    int next_update = 0;
    int resolution = 0;
};

struct SlaPolicy {
    // plan -> one target per priority (low, normal, high, urgent).
    std::map<std::string, std::array<SlaTarget, 4>, std::less<>> plans = DefaultPlans();
    std::string default_plan = "standard";  // a new customer's plan when none is given
    int critical_percent = 50;              // a critical customer's targets are this share of the plan's
    int warn_percent = 75;                  // warn the owner when this share of a policy target has passed
    int promise_warning_minutes = 30;       // warn the owner this long before a promised update

    static std::map<std::string, std::array<SlaTarget, 4>, std::less<>> DefaultPlans();
    bool KnowsPlan(std::string_view plan) const { return plans.find(plan) != plans.end(); }
};

// What the clocks of one ticket are measured with.
struct SlaContext {
    domain::BusinessClock clock;
    SlaTarget target;  // already tightened for a critical customer
    int warn_percent = 75;
    Millis promise_warning = 30 * kMinute;
};

// The target for a ticket's plan, priority and critical flag (the default plan's when the plan is unknown).
SlaTarget TargetFor(const SlaPolicy& policy, std::string_view plan, domain::Priority priority, bool critical);

// Thresholds, one bit each in SlaClocks::reported, so each is announced once per clock.
enum Threshold : int {
    kUpdateWarning = 1,
    kUpdateBreach = 2,
    kResolutionWarning = 4,
    kResolutionBreach = 8,
    kPromiseWarning = 16,
    kPromiseBreach = 32,
};

struct Crossing {
    Threshold threshold;
    std::string_view clock;  // "first_response", "next_update", "resolution", "promise"
    bool breach = false;
    Millis due = 0;  // the deadline concerned
};

// A new ticket's clocks start at its creation.
void StartClocks(domain::SlaClocks& sla, const SlaContext& ctx, Millis now);
// A public reply meets the first-response or next-update target and starts the next one; it keeps its promise,
// and may make a new one.
void OnPublicReply(domain::SlaClocks& sla, const SlaContext& ctx, Millis now, std::optional<Millis> new_promise);
// "Next update by `by`", as told to the customer; a promise replaces the one before.
void OnPromise(domain::SlaClocks& sla, const SlaContext& ctx, Millis now, Millis by);
// Waiting on the customer pauses the policy clocks (never a promise); solving stops them; reopening restarts them.
void OnStatusChange(domain::SlaClocks& sla, const SlaContext& ctx, Millis now, domain::TicketStatus from,
                    domain::TicketStatus to);
// A priority change tightens the running clocks when the new targets are shorter (never loosens them).
void OnRetarget(domain::SlaClocks& sla, const SlaContext& ctx, Millis now);

// Every change above ends with this: the state at `now` (ok, warning, breached), when the current breach began,
// and check_at, the earliest threshold not yet announced (it may be `now` or past: the due work announces it).
void Refresh(domain::SlaClocks& sla, const SlaContext& ctx, Millis now);
// The due work's look: announces (returns, in order of deadline) each threshold passed and not yet announced, marks
// it, and refreshes. Each threshold of a clock is announced once; a breach stands for the warning it passed.
std::vector<Crossing> Evaluate(domain::SlaClocks& sla, const SlaContext& ctx, Millis now);

// What is due first on the ticket (orders the bin): the earliest running deadline.
std::optional<Millis> DueFirst(const domain::SlaClocks& sla);

}  // namespace shiftdesk::policy
