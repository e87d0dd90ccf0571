// Leave (R4) with its readiness checklist, its hand-off email (R5) and its call diversion (R13). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "policy/readiness.hpp"
#include "store/leaves.hpp"
#include "store/outbox.hpp"

namespace shiftdesk::app {

// Leave as planned (POST /api/v1/leaves): whole days in the team's time zone (R4).
struct PlanLeaveCmd {
    std::optional<domain::UserId> user_id;  // absent: the caller's own leave
    std::string first_day;                  // YYYY-MM-DD
    std::string last_day;                   // inclusive
    std::string kind;
    std::string note;
};

// A leave with its readiness checklist (R4), its call diversion (R13) and its newest hand-off email (R5).
struct LeaveView {
    domain::Leave leave;
    policy::Readiness readiness;
    std::optional<domain::Diversion> diversion;
    std::optional<store::OutboxItem> handoff_mail;
};

// The use cases of leave.
class Leaves : public Module {
 public:
    explicit Leaves(const Context& ctx) : Module(ctx) {}

    // Leave (R4): an engineer plans their own, a lead anyone's; the person or a lead cancels it before it ends.
    // Each answer carries the leave's readiness checklist as it stands.
    void PlanLeave(const domain::Actor& actor, PlanLeaveCmd cmd, Done<LeaveView> done);
    void CancelLeave(const domain::Actor& actor, std::int64_t id, Done<LeaveView> done);
    Result<LeaveView> GetLeave(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<LeaveView>> ListLeaves(const domain::Actor& actor, const store::LeaveQuery& query);
    // R5: writes the leave's hand-off email from its engineer's entries on the sheet and queues it for the team.
    void SendHandoffEmail(const domain::Actor& actor, std::int64_t leave_id, Done<LeaveView> done);
    // R13: where the desk phone goes during the leave; the leads are told. Confirm: the manual driver's tick.
    void SetDiversion(const domain::Actor& actor, std::int64_t leave_id, std::string target, Done<LeaveView> done);
    void ConfirmDiversion(const domain::Actor& actor, std::int64_t leave_id, Done<LeaveView> done);
};

}  // namespace shiftdesk::app
