// Requests to a shift lead: what the rulebook keeps for the lead (R6, R7, R9, R11, R12).
import { get, post, query } from "./http";
import type { LeadRequest, NewTicketReason, RequestState } from "./types";

export const fetchRequests = (state: RequestState, signal?: AbortSignal) =>
  get<{ requests: LeadRequest[]; next_after: number | null }>(`/requests${query({ state, limit: 200 })}`, signal);

/** Ask the lead to give a ticket to someone (ownerId) or to decide who (R7, R11). */
export const requestAssignment = (ticketId: number, reason: string, ownerId?: number) =>
  post<LeadRequest>(
    "/requests",
    ownerId === undefined
      ? { kind: "assignment", ticket_id: ticketId, reason }
      : { kind: "assignment", ticket_id: ticketId, owner_id: ownerId, reason },
  );

export interface NewTicketAsk {
  ticketId: number;
  reason: NewTicketReason;
  subject: string;
  description: string;
  /** An entirely new issue: the child ticket stays with its creator (R12). */
  newIssue: boolean;
}

/** Ask the lead for a new or child ticket (R9, R12). */
export const requestNewTicket = (ask: NewTicketAsk) =>
  post<LeadRequest>("/requests", {
    kind: "new_ticket",
    ticket_id: ask.ticketId,
    reason: ask.reason,
    subject: ask.subject,
    description: ask.description,
    new_issue: ask.newIssue,
  });

export const approveRequest = (id: number, note: string, ownerId?: number) =>
  post<LeadRequest>(`/requests/${id}/approve`, ownerId === undefined ? { note } : { note, owner_id: ownerId });

export const denyRequest = (id: number, note: string) => post<LeadRequest>(`/requests/${id}/deny`, { note });
