// The shared hand-off sheet (R8).
import { apiBase, get, patch, post, query } from "./http";
import type { HandoffEntry, HandoffReason, HandoffState } from "./types";

export interface SheetFilter {
  state: HandoffState | "all";
  reason?: HandoffReason;
  from?: number;
}

const filterQuery = (f: SheetFilter, format?: "csv" | "xlsx") =>
  query({ state: f.state, reason: f.reason, from: f.from, format });

export const fetchSheet = (f: SheetFilter, signal?: AbortSignal) =>
  get<{ entries: HandoffEntry[] }>(`/handoff-sheet${filterQuery(f)}`, signal);

/** A download link for the sheet as the filter shows it. */
export const sheetExportUrl = (f: SheetFilter, format: "csv" | "xlsx") =>
  `${apiBase}/handoff-sheet${filterQuery(f, format)}`;

export interface Placement {
  ticketId: number;
  reason: HandoffReason;
  validation: string;
  nextStep: string;
  neededBy?: string;
}

export const placeOnSheet = (p: Placement) =>
  post<HandoffEntry>("/handoff-sheet", {
    ticket_id: p.ticketId,
    reason: p.reason,
    validation: p.validation,
    next_step: p.nextStep,
    ...(p.neededBy ? { needed_by: p.neededBy } : {}),
  });

/** A lead gives the entry to someone; an engineer naming themselves asks the lead for the ticket (R7, R11). */
export const pickUpEntry = (id: number, pickerId: number) =>
  patch<HandoffEntry>(`/handoff-sheet/${id}`, { picked_up_by: pickerId });

export const finishEntry = (id: number) => patch<HandoffEntry>(`/handoff-sheet/${id}`, { state: "done" });
