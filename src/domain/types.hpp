// The desk's vocabulary: roles, ticket states, priorities, channels, thread entry kinds, and their wire names.
// Pure value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "domain/enum_names.hpp"

namespace shiftdesk::domain {

using UserId = std::int64_t;
using TicketId = std::int64_t;

enum class Role { kEngineer, kShiftLead, kAdmin, kSuccess };
inline constexpr NameTable<Role, 4> kRoleNames{{
    {Role::kEngineer, "engineer"},
    {Role::kShiftLead, "shift_lead"},
    {Role::kAdmin, "admin"},
    {Role::kSuccess, "success"},
}};

enum class TicketStatus { kNew, kOpen, kPending, kOnHold, kSolved, kClosed };
inline constexpr NameTable<TicketStatus, 6> kStatusNames{{
    {TicketStatus::kNew, "new"},
    {TicketStatus::kOpen, "open"},
    {TicketStatus::kPending, "pending"},
    {TicketStatus::kOnHold, "on_hold"},
    {TicketStatus::kSolved, "solved"},
    {TicketStatus::kClosed, "closed"},
}};

enum class Priority { kLow, kNormal, kHigh, kUrgent };
inline constexpr NameTable<Priority, 4> kPriorityNames{{
    {Priority::kLow, "low"},
    {Priority::kNormal, "normal"},
    {Priority::kHigh, "high"},
    {Priority::kUrgent, "urgent"},
}};

// Tickets, Intercom conversations and phone cases are all tickets (R1); the channel tells them apart.
// What became of a reply sent by email: queued in the outbox, accepted by the mail server, bounced back by the
// customer's side (a delivery report), or given up.
enum class Delivery { kQueued, kSent, kBounced, kFailed };
inline constexpr NameTable<Delivery, 4> kDeliveryNames{{
    {Delivery::kQueued, "queued"},
    {Delivery::kSent, "sent"},
    {Delivery::kBounced, "bounced"},
    {Delivery::kFailed, "failed"},
}};

enum class Channel { kEmail, kIntercom, kPhone, kWeb };
inline constexpr NameTable<Channel, 4> kChannelNames{{
    {Channel::kEmail, "email"},
    {Channel::kIntercom, "intercom"},
    {Channel::kPhone, "phone"},
    {Channel::kWeb, "web"},
}};

// customer: what the customer wrote; reply: a public update to the customer; note: staff only (R10).
enum class EntryKind { kCustomer, kReply, kNote };
inline constexpr NameTable<EntryKind, 3> kEntryKindNames{{
    {EntryKind::kCustomer, "customer"},
    {EntryKind::kReply, "reply"},
    {EntryKind::kNote, "note"},
}};

// What an engineer asks a shift lead for (R6, R7, R9, R11).
enum class RequestKind { kAssignment, kNewTicket, kOffQueue };
inline constexpr NameTable<RequestKind, 3> kRequestKindNames{{
    {RequestKind::kAssignment, "assignment"},
    {RequestKind::kNewTicket, "new_ticket"},
    {RequestKind::kOffQueue, "off_queue"},
}};

enum class RequestState { kPending, kApproved, kDenied, kWithdrawn, kExpired };
inline constexpr NameTable<RequestState, 5> kRequestStateNames{{
    {RequestState::kPending, "pending"},
    {RequestState::kApproved, "approved"},
    {RequestState::kDenied, "denied"},
    {RequestState::kWithdrawn, "withdrawn"},
    {RequestState::kExpired, "expired"},
}};

// Why a new ticket is asked for (R9): several issues in one ticket, or a new issue on a long-closed one.
enum class NewTicketReason { kMultipleIssues, kOldTicketFollowup };
inline constexpr NameTable<NewTicketReason, 2> kNewTicketReasonNames{{
    {NewTicketReason::kMultipleIssues, "multiple_issues"},
    {NewTicketReason::kOldTicketFollowup, "old_ticket_followup"},
}};

// Why someone is away (R4). Every kind takes them off every queue and out of assignment alike.
enum class LeaveKind { kVacation, kSick, kPersonal, kTraining, kOther };
inline constexpr NameTable<LeaveKind, 5> kLeaveKindNames{{
    {LeaveKind::kVacation, "vacation"},
    {LeaveKind::kSick, "sick"},
    {LeaveKind::kPersonal, "personal"},
    {LeaveKind::kTraining, "training"},
    {LeaveKind::kOther, "other"},
}};

enum class LeaveState { kPlanned, kCancelled };
inline constexpr NameTable<LeaveState, 2> kLeaveStateNames{{
    {LeaveState::kPlanned, "planned"},
    {LeaveState::kCancelled, "cancelled"},
}};

// Where a ticket stands against its time targets (R2).
enum class SlaState { kOk, kWarning, kBreached };
inline constexpr NameTable<SlaState, 3> kSlaStateNames{{
    {SlaState::kOk, "ok"},
    {SlaState::kWarning, "warning"},
    {SlaState::kBreached, "breached"},
}};

// A customer call (R3).
enum class CallState { kScheduled, kCancelled };
inline constexpr NameTable<CallState, 2> kCallStateNames{{
    {CallState::kScheduled, "scheduled"},
    {CallState::kCancelled, "cancelled"},
}};
enum class Attendance { kOnTime, kLate, kMissed };
inline constexpr NameTable<Attendance, 3> kAttendanceNames{{
    {Attendance::kOnTime, "on_time"},
    {Attendance::kLate, "late"},
    {Attendance::kMissed, "missed"},
}};

// Sessions a customer or the success team asks for (R14).
enum class TrainingKind { kTechnicalSession, kTraining };
inline constexpr NameTable<TrainingKind, 2> kTrainingKindNames{{
    {TrainingKind::kTechnicalSession, "technical_session"},
    {TrainingKind::kTraining, "training"},
}};
enum class TrainingRoute { kOpen, kShiftLead };
inline constexpr NameTable<TrainingRoute, 2> kTrainingRouteNames{{
    {TrainingRoute::kOpen, "open"},
    {TrainingRoute::kShiftLead, "shift_lead"},
}};
enum class TrainingState { kWaiting, kAccepted, kDeclined };
inline constexpr NameTable<TrainingState, 3> kTrainingStateNames{{
    {TrainingState::kWaiting, "waiting"},
    {TrainingState::kAccepted, "accepted"},
    {TrainingState::kDeclined, "declined"},
}};

// The hand-off sheet (R8): why a ticket is on it, and how far it got.
enum class HandoffReason { kLeave, kNeedsAttention, kShiftEnd };
inline constexpr NameTable<HandoffReason, 3> kHandoffReasonNames{{
    {HandoffReason::kLeave, "leave"},
    {HandoffReason::kNeedsAttention, "needs_attention"},
    {HandoffReason::kShiftEnd, "shift_end"},
}};
enum class HandoffState { kOpen, kPickedUp, kDone };
inline constexpr NameTable<HandoffState, 3> kHandoffStateNames{{
    {HandoffState::kOpen, "open"},
    {HandoffState::kPickedUp, "picked_up"},
    {HandoffState::kDone, "done"},
}};

// Call diversion (R13). manual: the engineer sets it on the phone and confirms; asterisk_ami: the desk sets it.
enum class PhoneDriverKind { kManual, kAsteriskAmi };
inline constexpr NameTable<PhoneDriverKind, 2> kPhoneDriverNames{{
    {PhoneDriverKind::kManual, "manual"},
    {PhoneDriverKind::kAsteriskAmi, "asterisk_ami"},
}};
// planned: the target is known; confirmed: the engineer says the phone forwards (manual); active: the phone system
// forwards (applied and read back); removed: forwarding ended with the leave; failed: the phone system refused.
enum class DiversionState { kPlanned, kConfirmed, kActive, kRemoved, kFailed, kCancelled };
inline constexpr NameTable<DiversionState, 6> kDiversionStateNames{{
    {DiversionState::kPlanned, "planned"},
    {DiversionState::kConfirmed, "confirmed"},
    {DiversionState::kActive, "active"},
    {DiversionState::kRemoved, "removed"},
    {DiversionState::kFailed, "failed"},
    {DiversionState::kCancelled, "cancelled"},
}};

inline std::string_view ToString(Role v) { return NameOf(kRoleNames, v); }
inline std::string_view ToString(RequestKind v) { return NameOf(kRequestKindNames, v); }
inline std::string_view ToString(RequestState v) { return NameOf(kRequestStateNames, v); }
inline std::string_view ToString(TicketStatus v) { return NameOf(kStatusNames, v); }
inline std::string_view ToString(Priority v) { return NameOf(kPriorityNames, v); }
inline std::string_view ToString(Channel v) { return NameOf(kChannelNames, v); }
inline std::string_view ToString(Delivery v) { return NameOf(kDeliveryNames, v); }
inline std::string_view ToString(EntryKind v) { return NameOf(kEntryKindNames, v); }
inline std::string_view ToString(CallState v) { return NameOf(kCallStateNames, v); }
inline std::string_view ToString(Attendance v) { return NameOf(kAttendanceNames, v); }
inline std::string_view ToString(TrainingKind v) { return NameOf(kTrainingKindNames, v); }
inline std::string_view ToString(TrainingRoute v) { return NameOf(kTrainingRouteNames, v); }
inline std::string_view ToString(TrainingState v) { return NameOf(kTrainingStateNames, v); }
inline std::string_view ToString(SlaState v) { return NameOf(kSlaStateNames, v); }
inline std::string_view ToString(LeaveKind v) { return NameOf(kLeaveKindNames, v); }
inline std::string_view ToString(LeaveState v) { return NameOf(kLeaveStateNames, v); }
inline std::string_view ToString(HandoffReason v) { return NameOf(kHandoffReasonNames, v); }
inline std::string_view ToString(HandoffState v) { return NameOf(kHandoffStateNames, v); }
inline std::string_view ToString(PhoneDriverKind v) { return NameOf(kPhoneDriverNames, v); }
inline std::string_view ToString(DiversionState v) { return NameOf(kDiversionStateNames, v); }

// Engineers and shift leads work tickets; only they can own one (R1).
inline bool CanOwnTickets(Role r) { return r == Role::kEngineer || r == Role::kShiftLead; }

// A ticket in one of these is being worked and must have an owner (R1).
inline bool IsWorkedStatus(TicketStatus s) { return s != TicketStatus::kNew && s != TicketStatus::kClosed; }

// Who is acting: the authenticated user, as the rulebook sees them.
struct Actor {
    UserId id = 0;
    Role role = Role::kEngineer;
    std::string login;
    std::string name;
};

}  // namespace shiftdesk::domain
