// Training and technical sessions (R14): asked for, accepted (becoming a call, R3) or declined, and the team's load
// a lead weighs them by. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "store/calls.hpp"

namespace shiftdesk::app {

// A training or technical session as asked for (R14).
struct FileTrainingCmd {
    std::string customer_name;
    std::string customer_email;
    std::optional<std::string> plan;
    bool critical = false;
    std::string kind;
    int minutes = 0;
    std::string topic;
    std::string requested_by;
};

struct AcceptTrainingCmd {
    std::optional<domain::UserId> owner_id;  // absent: the caller runs it
    Millis starts_at = 0;
    std::string join_url;
    std::string note;
};

// The team as a lead weighs a session (R14): who is on queue, away, how loaded.
struct TeamLoad {
    domain::User user;
    std::int64_t open_tickets = 0;
    std::int64_t at_risk = 0;   // open tickets in SLA warning (R2)
    std::int64_t breached = 0;  // open tickets in SLA breach
    std::int64_t calls_next_week = 0;
};

struct TrainingOutcome {
    domain::TrainingRequest request;
    std::optional<domain::Call> call;
    std::vector<std::string> warnings;  // about the call's time in its owner's calendar
};

// The use cases of training requests.
class Training : public Module {
 public:
    explicit Training(const Context& ctx) : Module(ctx) {}

    void FileTraining(const domain::Actor& actor, FileTrainingCmd cmd, Done<domain::TrainingRequest> done);
    void AcceptTraining(const domain::Actor& actor, std::int64_t id, AcceptTrainingCmd cmd, Done<TrainingOutcome> done);
    void DeclineTraining(const domain::Actor& actor, std::int64_t id, std::string note,
                         Done<domain::TrainingRequest> done);
    // A lead sees every request; others see what they filed and what is open to everyone.
    Result<std::vector<domain::TrainingRequest>> ListTraining(const domain::Actor& actor, store::TrainingQuery query);
    Result<domain::TrainingRequest> GetTraining(const domain::Actor& actor, std::int64_t id);
    // The team board: everyone who works tickets, on queue or not, away or not, and their load. Leads only.
    Result<std::vector<TeamLoad>> TeamLoadNow(const domain::Actor& actor);
    // Whether TeamLoadNow is the actor's to see (the rulebook asked), so a list can carry the board beside it.
    static bool SeesTeamLoad(const domain::Actor& actor);
};

}  // namespace shiftdesk::app
