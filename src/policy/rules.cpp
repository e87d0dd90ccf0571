#include "policy/rules.hpp"

#include <array>

namespace shiftdesk::rule {
namespace {

constexpr std::array<Entry, 14> kRules{{
    {Id::R1, "R1", "Ownership",
     "Every ticket that is not new or closed has exactly one owner, an engineer; an engineer's bin is the open "
     "tickets they own, what is due first on top."},
    {Id::R2, "R2", "Updates on time",
     "Each open ticket has a next-update-due time, the earliest of the SLA target and any promise to the "
     "customer; a public reply meets it."},
    {Id::R3, "R3", "Calls on time",
     "Customer calls are attended on time; late and missed calls are reported to the shift lead."},
    {Id::R4, "R4", "Leave readiness",
     "Before planned leave the bin is cleared, follow-ups are done, the hand-off email is sent and calls are "
     "diverted; during leave nothing can be assigned."},
    {Id::R5, "R5", "Hand-off email",
     "A hand-off is one email to the whole support team listing each item, the validation done so far and the "
     "next step."},
    {Id::R6, "R6", "Off-queue time",
     "An engineer may be off queue for a few hours to clear backlog, only once a shift lead approves."},
    {Id::R7, "R7", "No direct assignment",
     "An engineer never assigns a ticket to someone else: take an unowned ticket yourself or ask a shift lead."},
    {Id::R8, "R8", "Hand-off sheet", "Tickets that need attention go on the one shared hand-off sheet."},
    {Id::R9, "R9", "New tickets need a lead",
     "A new issue reported in an existing ticket, or on a ticket closed long ago, becomes a new ticket only "
     "with a shift lead's approval; closed tickets are not reopened."},
    {Id::R10, "R10", "Private notes; approvals leave a note",
     "Private notes never reach the customer, and every approved request carries a note from the shift lead."},
    {Id::R11, "R11", "Reassignment is the lead's",
     "Only a shift lead changes a ticket's owner from one person to another."},
    {Id::R12, "R12", "Child tickets stay with their creator",
     "A child ticket for an entirely new issue belongs to the engineer who created it, not the parent's owner."},
    {Id::R13, "R13", "Call diversion",
     "An engineer with a desk phone diverts calls for their leave, and the shift lead is told."},
    {Id::R14, "R14", "Training requests",
     "A technical session of at most 30 minutes is open to any engineer on queue; longer sessions and training "
     "go to a shift lead."},
}};

}  // namespace

std::span<const Entry> All() { return kRules; }

const Entry* Find(Id id) {
    for (const auto& e : kRules) {
        if (e.id == id) return &e;
    }
    return nullptr;
}

std::string_view Code(Id id) {
    const Entry* e = Find(id);
    return e ? e->code : std::string_view{};
}

}  // namespace shiftdesk::rule
