// The rulebook for handing work over before leave (R4, R5, R8, R13): who places what on the hand-off sheet, who
// edits, picks up and closes an entry, and who sets a leave's call diversion. Pure and deterministic; thread-safe.
#pragma once

#include <optional>

#include "domain/entities.hpp"
#include "policy/decision.hpp"

namespace shiftdesk::policy {

// R8: an engineer places their own tickets on the sheet; a shift lead places anyone's. The ticket must be being
// worked (not new, solved or closed) and not on the sheet already (`live` is its entry that is not done).
Decision DecidePlaceOnSheet(const domain::Actor& actor, const domain::Ticket& ticket,
                            const std::optional<domain::HandoffEntry>& live);

// R8: the engineer who placed an entry, or a lead, changes what it says while it is not done.
Decision DecideEditEntry(const domain::Actor& actor, const domain::HandoffEntry& entry);

// How picking an entry up goes: a lead gives the ticket to `picker` (R11, leaving a note, R10); an engineer picking
// it up for themselves asks a lead (an assignment request, R7). Nobody else picks up for someone else.
enum class PickUpRoute { kLeadAssigns, kRequestToLead };
struct PickUp {
    Decision decision;
    PickUpRoute route = PickUpRoute::kLeadAssigns;
};
PickUp DecidePickUp(const domain::Actor& actor, const domain::HandoffEntry& entry, domain::UserId picker);

// R8: the engineer who placed it, whoever picked it up, or a lead marks an entry done.
Decision DecideFinishEntry(const domain::Actor& actor, const domain::HandoffEntry& entry);

// The sheet is the team's: everyone at the desk reads it (success included, to see who carries their customers'
// tickets); an admin without desk powers does not.
Decision DecideViewSheet(const domain::Actor& actor);

// R13: the person on leave or a lead sets (or changes) its diversion, before the phone system has applied it and
// while the leave has not ended. The person must have a desk phone.
Decision DecideSetDiversion(const domain::Actor& actor, const domain::Leave& leave, const domain::User& person,
                            const std::optional<domain::Diversion>& current, Millis now);
// R13: only with the manual driver: the person on leave (or a lead) confirms the phone forwards.
Decision DecideConfirmDiversion(const domain::Actor& actor, const domain::Leave& leave,
                                const std::optional<domain::Diversion>& current);

// R5: the person on leave or a lead sends the leave's hand-off email, while the leave has not ended.
Decision DecideSendHandoffEmail(const domain::Actor& actor, const domain::Leave& leave, Millis now);
// R5: one hand-off email at a time: not while one is queued (pending_attempts: its attempts so far; absent: none).
Decision DecideQueueHandoffEmail(std::optional<int> pending_attempts);

// R13: a desk phone is set by its user (whose), a shift lead or an admin.
Decision DecideSetDeskPhone(const domain::Actor& actor, domain::UserId whose);

}  // namespace shiftdesk::policy
