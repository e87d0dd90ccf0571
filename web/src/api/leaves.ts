// Leave and its readiness checklist (R4), the hand-off email (R5) and call diversion (R13).
import { get, post, query } from "./http";
import type { Leave, LeaveKind } from "./types";

/** Leave that has not ended yet: one person's, or the whole team's. */
export const fetchLeaves = (userId: number | undefined, signal?: AbortSignal) =>
  get<{ leaves: Leave[] }>(`/leaves${query({ user_id: userId })}`, signal);

export interface LeavePlan {
  firstDay: string;
  lastDay: string;
  kind: LeaveKind;
  note: string;
}

export const planLeave = (p: LeavePlan) =>
  post<Leave>("/leaves", { first_day: p.firstDay, last_day: p.lastDay, kind: p.kind, note: p.note });

export const cancelLeave = (id: number) => post<Leave>(`/leaves/${id}/cancel`);

/** Queues the hand-off email (202): the checklist turns green once the mail server has taken it. */
export const sendHandoffEmail = (id: number) => post<Leave>(`/leaves/${id}/handoff-email`);

export const setDiversion = (id: number, target: string) => post<Leave>(`/leaves/${id}/diversion`, { target });

/** "My desk phone forwards now" (a manual phone driver). */
export const confirmDiversion = (id: number) => post<Leave>(`/leaves/${id}/diversion/confirm`);
