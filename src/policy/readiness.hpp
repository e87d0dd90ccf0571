// R4: is an engineer ready to go on leave? The live checklist — bin cleared, follow-ups done, hand-off email sent
// (R5), call diversion set (R13) — with, for every item that is not, what keeps it red and where to fix it.
// Pure and deterministic; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/civil_time.hpp"
#include "domain/entities.hpp"

namespace shiftdesk::policy {

// Where the leave's hand-off email got to (the newest one): kFailed is a refusal, kGaveUp attempts that ran out.
enum class MailProgress { kQueued, kAccepted, kFailed, kGaveUp };
struct HandoffMailFacts {
    MailProgress progress = MailProgress::kQueued;
    int attempts = 0;
    std::string last_error;
    std::optional<Millis> accepted_at;
};

struct ReadinessFacts {
    domain::Leave leave;
    domain::User person;                      // desk_phone decides whether the diversion applies
    std::vector<domain::Ticket> owned_open;   // tickets they own that are not solved or closed, with their clocks
    std::set<domain::TicketId> handed_over;   // tickets on the hand-off sheet (entries not done)
    std::vector<domain::Call> calls;          // scheduled calls they own that fall inside the leave
    std::optional<HandoffMailFacts> handoff_mail;
    std::optional<domain::Diversion> diversion;
    std::optional<TimeZone> zone;  // the team's: times in blockers read as its wall clock; UTC without one
};

enum class ItemState { kDone, kMissing, kNotApplicable };

// One thing that keeps an item red: what, and a link to the record to act on.
struct Blocker {
    std::string message;
    std::string link;  // an API path: "/api/v1/tickets/12"
};

struct ReadinessItem {
    std::string name;  // bin_cleared, followups_done, handoff_sent, diversion_set
    ItemState state = ItemState::kMissing;
    std::vector<Blocker> blockers;
};

struct Readiness {
    bool ready = false;  // every item done or not applicable
    std::vector<ReadinessItem> items;
};

Readiness EvaluateReadiness(const ReadinessFacts& facts);

// One line for a reminder: "bin_cleared (2 open tickets), handoff_sent"; empty when ready.
std::string MissingSummary(const Readiness& r);

std::string_view ToString(ItemState s);

}  // namespace shiftdesk::policy
