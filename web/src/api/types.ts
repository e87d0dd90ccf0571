// The JSON the desk answers with, named for the UI. Every shape comes from docs/openapi.yaml through the generated
// schema.gen.ts (`make api-types`), so a change to the API that the UI does not follow fails `tsc`, not a user.

import type { components } from "./schema.gen";

type Schemas = components["schemas"];

export type Role = Schemas["Role"];
export type TicketStatus = Schemas["TicketStatus"];
export type Priority = Schemas["Priority"];
export type Channel = Schemas["Channel"];
export type SlaState = Schemas["SlaState"];
export type EntryKind = Schemas["EntryKind"];
export type RequestKind = Schemas["RequestKind"];
export type RequestState = Schemas["RequestState"];
export type NewTicketReason = Schemas["NewTicketReason"];
export type LeaveKind = Schemas["LeaveKind"];
export type HandoffReason = Schemas["HandoffReason"];
export type HandoffState = Schemas["HandoffState"];
export type TrainingState = Schemas["TrainingState"];

export type User = Schemas["User"];
/** The leave a user is on now, as their User shows it. */
export type LeaveSpan = NonNullable<User["leave"]>;
export type Me = Schemas["Me"];
export type SessionStarted = Schemas["Session"];

export type Customer = Schemas["Customer"];
/** Bins and queues carry the SLA state only (with due_at). */
export type TicketSummary = Schemas["TicketSummary"];
export type SlaClocks = Schemas["TicketSla"];
/** One ticket, and the lead's at-risk list, carry every clock. */
export type Ticket = Schemas["Ticket"];
export type TicketPage = Schemas["TicketPage"];
export type ThreadEntry = Schemas["ThreadEntry"];

export type RequestTicket = Schemas["RequestTicket"];
export type AssignmentRequest = Schemas["AssignmentRequest"];
export type NewTicketRequest = Schemas["NewTicketRequest"];
export type OffQueueRequest = Schemas["OffQueueRequest"];
export type LeadRequest = Schemas["Request"];

export type Call = Schemas["Call"];
export type TrainingRequest = Schemas["TrainingRequest"];
/** A member of the team with their load: the team board's row, and what a lead weighs a session with (R14). */
export type TeamLoad = Schemas["TeamLoad"];
export type TrainingList = Schemas["TrainingRequestList"];

export type Blocker = Schemas["ReadinessBlocker"];
export type ReadinessItem = Schemas["ReadinessItem"];
export type ReadinessState = ReadinessItem["state"];
export type Readiness = Schemas["Readiness"];
/** The checklist's items in the order the UI shows them. */
export const readinessItemNames = ["bin_cleared", "followups_done", "handoff_sent", "diversion_set"] as const;
export type ReadinessItemName = (typeof readinessItemNames)[number] & keyof Readiness;

export type Diversion = Schemas["Diversion"];
export type HandoffMail = Schemas["HandoffEmail"];
export type Leave = Schemas["Leave"];
/** A sheet entry; after a pick-up, with the assignment request it filed to the lead when there is one (R7, R11). */
export type HandoffEntry = Schemas["HandoffEntry"] & Pick<Schemas["HandoffEntryUpdated"], "request">;

export type Rule = Schemas["Rule"];
