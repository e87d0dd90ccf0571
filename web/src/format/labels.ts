// Words for the API's enums.
import type {
  Channel,
  HandoffReason,
  HandoffState,
  LeaveKind,
  NewTicketReason,
  Priority,
  ReadinessItemName,
  RequestKind,
  SlaState,
  TicketStatus,
} from "../api/types";

export const statusLabels: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  pending: "Pending (waiting on customer)",
  on_hold: "On hold",
  solved: "Solved",
  closed: "Closed",
};

export const priorityLabels: Record<Priority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

export const channelLabels: Record<Channel, string> = {
  email: "Email",
  intercom: "Intercom",
  phone: "Phone",
  web: "Web form",
};

export const slaLabels: Record<SlaState, string> = { ok: "On time", warning: "At risk", breached: "Breached" };

export const requestKindLabels: Record<RequestKind, string> = {
  assignment: "Assignment",
  new_ticket: "New ticket",
  off_queue: "Off queue",
};

export const newTicketReasonLabels: Record<NewTicketReason, string> = {
  multiple_issues: "Several issues in one ticket",
  old_ticket_followup: "New issue on a long-closed ticket",
};

export const leaveKindLabels: Record<LeaveKind, string> = {
  vacation: "Vacation",
  sick: "Sick",
  personal: "Personal",
  training: "Training",
  other: "Other",
};

export const handoffReasonLabels: Record<HandoffReason, string> = {
  leave: "Going on leave",
  needs_attention: "Needs attention",
  shift_end: "End of shift",
};

export const handoffStateLabels: Record<HandoffState, string> = {
  open: "Open",
  picked_up: "Picked up",
  done: "Done",
};

export const readinessLabels: Record<ReadinessItemName, string> = {
  bin_cleared: "Bin cleared: every open ticket solved or handed off",
  followups_done: "Follow-ups done: no promise, update or call falls in the leave",
  handoff_sent: "Hand-off email sent to the team (R5)",
  diversion_set: "Desk phone diverted (R13)",
};
