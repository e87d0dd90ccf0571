// The JSON the desk answers with, as src/http/views.cpp and src/http/json_text.cpp render it.
// Times are RFC 3339 strings; ids are integers.

export type Role = "engineer" | "shift_lead" | "admin" | "success";
export type TicketStatus = "new" | "open" | "pending" | "on_hold" | "solved" | "closed";
export type Priority = "low" | "normal" | "high" | "urgent";
export type Channel = "email" | "intercom" | "phone" | "web";
export type SlaState = "ok" | "warning" | "breached";
export type EntryKind = "customer" | "reply" | "note";
export type RequestKind = "assignment" | "new_ticket" | "off_queue";
export type RequestState = "pending" | "approved" | "denied" | "withdrawn" | "expired";
export type NewTicketReason = "multiple_issues" | "old_ticket_followup";
export type LeaveKind = "vacation" | "sick" | "personal" | "training" | "other";
export type HandoffReason = "leave" | "needs_attention" | "shift_end";
export type HandoffState = "open" | "picked_up" | "done";
export type ReadinessState = "done" | "missing" | "not_applicable";
export type TrainingState = "waiting" | "accepted" | "declined";

export interface LeaveSpan {
  id: number;
  first_day: string;
  last_day: string;
  kind: LeaveKind;
}

export interface User {
  id: number;
  login: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  /** null for roles that are on no queue (admin, success). */
  on_queue: boolean | null;
  off_queue_until: string | null;
  on_leave: boolean | null;
  leave: LeaveSpan | null;
  desk_phone: string | null;
  created_at: string;
}

export interface Me extends User {
  auth: "session" | "api_token" | "session_token";
  token_expires_at: string | null;
}

export interface SessionStarted {
  token: string;
  csrf_token: string;
  expires_at: string;
  user: User;
}

export interface Customer {
  name: string;
  email: string;
  plan: string;
  critical: boolean;
}

/** Bins and queues carry the SLA state only (with due_at). */
export interface TicketSummary {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  channel: Channel;
  customer: Customer;
  owner_id: number | null;
  parent_id: number | null;
  due_at: string | null;
  sla: { state: SlaState };
  created_at: string;
  updated_at: string;
}

export interface SlaClocks {
  state: SlaState;
  first_response_due: string | null;
  first_response_at: string | null;
  next_update_due: string | null;
  resolution_due: string | null;
  promised_update_at: string | null;
  breached_at: string | null;
  paused_since: string | null;
}

/** One ticket, and the lead's at-risk list, carry every clock. */
export interface Ticket extends Omit<TicketSummary, "sla"> {
  sla: SlaClocks;
  description: string;
  closed_at: string | null;
  needs_lead: boolean;
  approved_by: number | null;
  approval_request_id: number | null;
  approval_note: { entry_id: number; body: string } | null;
}

export interface TicketPage {
  tickets: TicketSummary[];
  next_cursor: string | null;
}

export interface ThreadEntry {
  id: number;
  ticket_id: number;
  kind: EntryKind;
  visibility: "public" | "private";
  author: { id: number | null; name: string; email?: string };
  body: string;
  created_at: string;
}

export interface RequestTicket {
  id: number;
  subject: string;
  status: TicketStatus;
  owner_id: number | null;
  customer: { name: string; plan: string; critical: boolean };
  created_at: string;
  closed_at: string | null;
}

interface RequestBase {
  id: number;
  state: RequestState;
  requester: { id: number; login: string; name: string; open_tickets: number };
  ticket_id: number | null;
  reason: string;
  created_at: string;
  expires_at: string;
  decided_by: number | null;
  decided_at: string | null;
  note: string | null;
  ticket?: RequestTicket;
}

export interface AssignmentRequest extends RequestBase {
  kind: "assignment";
  owner_id: number | null;
}

export interface NewTicketRequest extends RequestBase {
  kind: "new_ticket";
  subject: string;
  description: string;
  new_issue: boolean;
  result_ticket_id: number | null;
  parent_age_days?: number;
  parent_closed_days?: number | null;
}

export interface OffQueueRequest extends RequestBase {
  kind: "off_queue";
  hours: number;
}

export type LeadRequest = AssignmentRequest | NewTicketRequest | OffQueueRequest;

export interface Call {
  id: number;
  ticket_id: number | null;
  training_request_id: number | null;
  owner_id: number;
  starts_at: string;
  ends_at: string;
  minutes: number;
  join_url: string;
  attendees: string[];
  topic: string;
  state: "scheduled" | "cancelled";
  attendance: "on_time" | "late" | "missed" | null;
  joined_at: string | null;
}

export interface TrainingRequest {
  id: number;
  customer: { name: string; email: string | null; plan: string; critical: boolean };
  kind: "technical_session" | "training";
  minutes: number;
  topic: string;
  requested_by: string;
  route: "open" | "shift_lead";
  state: TrainingState;
  filed_by: number;
  owner_id: number | null;
  call_id: number | null;
  note: string | null;
  created_at: string;
}

/** A member of the team with their load: the team board's row, and what a lead weighs a session with (R14). */
export interface TeamLoad extends User {
  open_tickets: number;
  at_risk: number;
  breached: number;
  calls_next_7_days: number;
}

export interface TrainingList {
  training_requests: TrainingRequest[];
  team?: TeamLoad[];
}

export interface Blocker {
  message: string;
  /** An API path: /api/v1/tickets/12, /api/v1/calls/5, /api/v1/leaves/3/handoff-email, ... */
  link: string;
}

export interface ReadinessItem {
  state: ReadinessState;
  ok: boolean;
  blockers: Blocker[];
}

export const readinessItemNames = ["bin_cleared", "followups_done", "handoff_sent", "diversion_set"] as const;
export type ReadinessItemName = (typeof readinessItemNames)[number];

export type Readiness = { ready: boolean } & Record<ReadinessItemName, ReadinessItem>;

export interface Diversion {
  id: number;
  extension: string;
  target: string;
  driver: "manual" | "asterisk_ami";
  state: "planned" | "confirmed" | "active" | "removed" | "failed" | "cancelled";
  last_error: string;
}

export interface HandoffMail {
  id: number;
  state: string;
  attempts: number;
  last_error: string;
  queued_at: string;
  accepted_at: string | null;
  to: string | null;
}

export interface Leave {
  id: number;
  user_id: number;
  first_day: string;
  last_day: string;
  starts_at: string;
  ends_at: string;
  kind: LeaveKind;
  state: "planned" | "cancelled";
  active: boolean;
  note: string;
  readiness: Readiness;
  diversion: Diversion | null;
  handoff_email: HandoffMail | null;
}

export interface HandoffEntry {
  id: number;
  ticket_id: number;
  ticket: {
    id: number;
    subject: string;
    status: TicketStatus;
    owner_id: number | null;
    customer: { name: string; email: string };
  };
  from_user_id: number;
  from_name: string;
  reason: HandoffReason;
  validation: string;
  next_step: string;
  needed_by: string | null;
  picked_up_by: number | null;
  picked_up_name: string | null;
  picked_up_at: string | null;
  state: HandoffState;
  /** Present when an engineer's pick-up filed an assignment request to the lead (R7, R11). */
  request?: { id: number; state: "pending" };
}

export interface Rule {
  id: string;
  title: string;
  sentence: string;
}
