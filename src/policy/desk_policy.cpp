#include "policy/desk_policy.hpp"

#include <string>

namespace shiftdesk::policy {
namespace {

using domain::Role;

Decision AdminHasNo(std::string_view powers) {
    return Decision::Forbid(rule::Id::kNone,
                            "an admin has no " + std::string(powers) + " powers unless also a shift lead");
}

}  // namespace

Decision DecideUseDesk(const domain::Actor& actor) {
    return actor.role == Role::kAdmin ? AdminHasNo("desk") : Decision::Allow();
}

Decision DecideTicketPowers(const domain::Actor& actor) {
    return actor.role == Role::kAdmin ? AdminHasNo("ticket") : Decision::Allow();
}

bool SeesWholeTeam(const domain::Actor& actor) { return actor.role == Role::kShiftLead; }

Decision DecideSeeAtRisk(const domain::Actor& actor) {
    if (SeesWholeTeam(actor)) return Decision::Allow(rule::R2);
    return Decision::Forbid(rule::R2,
                            "the at-risk list is the shift lead's (R2: breaches escalate to the lead); your own "
                            "tickets are in your bin");
}

Decision DecideSeeTeamLoad(const domain::Actor& actor) {
    if (SeesWholeTeam(actor)) return Decision::Allow(rule::R14);
    return Decision::Forbid(rule::Id::kNone, "the whole team's load is for shift leads");
}

}  // namespace shiftdesk::policy
