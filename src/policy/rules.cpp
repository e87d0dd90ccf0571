#include "policy/rules.hpp"

#include <array>

namespace shiftdesk::rule {
namespace {

constexpr std::array<Entry, 14> kRules{{
    {Id::R1, Code(Id::R1), "Ownership",
     "Every ticket that is not new or closed has exactly one owner, an engineer; an engineer's bin is the open "
     "tickets they own, what is due first on top."},
    {Id::R2, Code(Id::R2), "Updates on time",
     "Each open ticket has a next-update-due time, the earliest of the SLA target and any promise to the "
     "customer; a public reply meets it."},
    {Id::R3, Code(Id::R3), "Calls on time",
     "Customer calls are attended on time; late and missed calls are reported to the shift lead."},
    {Id::R4, Code(Id::R4), "Leave readiness",
     "Before planned leave the bin is cleared, follow-ups are done, the hand-off email is sent and calls are "
     "diverted; during leave nothing can be assigned."},
    {Id::R5, Code(Id::R5), "Hand-off email",
     "A hand-off is one email to the whole support team listing each item, the validation done so far and the "
     "next step."},
    {Id::R6, Code(Id::R6), "Off-queue time",
     "An engineer may be off queue for a few hours to clear backlog, only once a shift lead approves."},
    {Id::R7, Code(Id::R7), "No direct assignment",
     "An engineer never assigns a ticket to someone else: take an unowned ticket yourself or ask a shift lead."},
    {Id::R8, Code(Id::R8), "Hand-off sheet", "Tickets that need attention go on the one shared hand-off sheet."},
    {Id::R9, Code(Id::R9), "New tickets need a lead",
     "A new issue reported in an existing ticket, or on a ticket closed long ago, becomes a new ticket only "
     "with a shift lead's approval; closed tickets are not reopened."},
    {Id::R10, Code(Id::R10), "Private notes; approvals leave a note",
     "Private notes never reach the customer, and every approved request carries a note from the shift lead."},
    {Id::R11, Code(Id::R11), "Reassignment is the lead's",
     "Only a shift lead changes a ticket's owner from one person to another."},
    {Id::R12, Code(Id::R12), "Child tickets stay with their creator",
     "A child ticket for an entirely new issue belongs to the engineer who created it, not the parent's owner."},
    {Id::R13, Code(Id::R13), "Call diversion",
     "An engineer with a desk phone diverts calls for their leave, and the shift lead is told."},
    {Id::R14, Code(Id::R14), "Training requests",
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

}  // namespace shiftdesk::rule
