// Tickets: bins, the queue, one ticket, its thread, and what an owner does to it (R1, R2, R7, R10, R11).
import { get, patch, post, query } from "./http";
import type { ThreadEntry, Ticket, TicketPage, TicketStatus } from "./types";

/** The most a list page holds; a bin larger than this says so. */
export const pageLimit = 200;

/** An owner's tickets in the given states, what is due first on top. owner: "me" or a user id. */
export const fetchOwnedTickets = (owner: "me" | number, statuses: TicketStatus[], signal?: AbortSignal) =>
  get<TicketPage>(`/tickets${query({ owner, status: statuses.join(","), limit: pageLimit })}`, signal);

/** The queue: unowned new tickets, oldest first. */
export const fetchQueue = (signal?: AbortSignal) =>
  get<TicketPage>(`/tickets${query({ queue: "unassigned", limit: pageLimit })}`, signal);

export const fetchTicket = (id: number, signal?: AbortSignal) => get<Ticket>(`/tickets/${id}`, signal);

export const fetchThread = (id: number, signal?: AbortSignal) =>
  get<{ entries: ThreadEntry[] }>(`/tickets/${id}/thread`, signal);

/** The lead's list of warnings and breaches, worst first (R2). */
export const fetchAtRisk = (signal?: AbortSignal) =>
  get<{ tickets: Ticket[] }>(`/sla/at-risk${query({ limit: 500 })}`, signal);

export const takeTicket = (id: number) => post<Ticket>(`/tickets/${id}/take`);

export const assignTicket = (id: number, ownerId: number, note: string) =>
  post<Ticket>(`/tickets/${id}/assign`, note ? { owner_id: ownerId, note } : { owner_id: ownerId });

export const changeStatus = (id: number, status: TicketStatus) => patch<Ticket>(`/tickets/${id}`, { status });

/** A public reply; promiseBy (RFC 3339) is the "next update by" promised to the customer (R2). */
export const addReply = (id: number, body: string, promiseBy?: string) =>
  post<ThreadEntry>(`/tickets/${id}/replies`, promiseBy ? { body, promise_by: promiseBy } : { body });

/** A private note: staff only, never sent to the customer (R10). */
export const addNote = (id: number, body: string) => post<ThreadEntry>(`/tickets/${id}/notes`, { body });
