// The rulebook of the desk as a whole: who works at it (an admin has no desk or ticket powers unless also a shift
// lead, RULES.md roles) and what only a shift lead sees (the whole team, the tickets at risk, R2). The one place
// these are spelled; the feature rulebooks ask it. Pure and deterministic; thread-safe.
#pragma once

#include "domain/types.hpp"
#include "policy/decision.hpp"

namespace shiftdesk::policy {

// Reading and working the desk (calls, sessions, leave, the sheet): everyone but an admin.
Decision DecideUseDesk(const domain::Actor& actor);
// Ticket powers (viewing, noting): everyone but an admin. Says "ticket powers" where DecideUseDesk says "desk".
Decision DecideTicketPowers(const domain::Actor& actor);

// A shift lead sees the whole team's requests, sessions and load; everyone else sees their own.
bool SeesWholeTeam(const domain::Actor& actor);

// R2: breaches escalate to the lead, so the at-risk list is the lead's; an engineer's own tickets are in their bin.
Decision DecideSeeAtRisk(const domain::Actor& actor);

// The whole team's load (what a lead weighs a session with, R14) is the lead's.
Decision DecideSeeTeamLoad(const domain::Actor& actor);

}  // namespace shiftdesk::policy
