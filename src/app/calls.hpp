// Customer calls (R3): schedule against an owned ticket, move, cancel, join, read. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "store/calls.hpp"

namespace shiftdesk::app {

// A call's details besides its time (R3); absent fields keep their value (or their default on a new call).
struct CallDetails {
    std::optional<std::string> join_url;  // a link or a phone number
    std::optional<std::vector<std::string>> attendees;
    std::optional<std::string> topic;
};

struct ScheduleCallCmd {
    domain::TicketId ticket_id = 0;
    Millis starts_at = 0;
    int minutes = 0;
    CallDetails details;
};

struct RescheduleCallCmd {
    std::optional<Millis> starts_at;
    std::optional<int> minutes;
    CallDetails details;
};

// A call as scheduled, with what the owner's calendar says about its time (an overlap, leave): warned, not refused.
struct CallOutcome {
    domain::Call call;
    std::vector<std::string> warnings;
};

// The use cases of calls.
class Calls : public Module {
 public:
    explicit Calls(const Context& ctx) : Module(ctx) {}

    void ScheduleCall(const domain::Actor& actor, ScheduleCallCmd cmd, Done<CallOutcome> done);
    void RescheduleCall(const domain::Actor& actor, std::int64_t id, RescheduleCallCmd cmd, Done<CallOutcome> done);
    void CancelCall(const domain::Actor& actor, std::int64_t id, Done<domain::Call> done);
    void JoinCall(const domain::Actor& actor, std::int64_t id, Done<domain::Call> done);
    Result<domain::Call> GetCall(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<domain::Call>> ListCalls(const domain::Actor& actor, const store::CallQuery& query);
};

}  // namespace shiftdesk::app
