// Customer calls (R3) and the sessions customers or the success team ask for (R14).
import { get, post, query } from "./http";
import type { Call, TrainingList, TrainingRequest, TrainingState } from "./types";

/** My calls from `from` (RFC 3339) on. */
export const fetchMyCalls = (from: string, signal?: AbortSignal) =>
  get<{ calls: Call[] }>(`/calls${query({ owner: "me", from })}`, signal);

export const joinCall = (id: number) => post<Call>(`/calls/${id}/join`);

/** Open: short technical sessions any engineer on queue may accept; otherwise every request (a lead's view). */
export const fetchTraining = (state: TrainingState, route?: "open", signal?: AbortSignal) =>
  get<TrainingList>(`/training-requests${query({ state, route })}`, signal);

export interface TrainingAcceptance {
  startsAt: string;
  ownerId?: number;
  joinUrl?: string;
  note?: string;
}

export const acceptTraining = (id: number, a: TrainingAcceptance) =>
  post<TrainingRequest & { call: Call | null; warnings: string[] }>(`/training-requests/${id}/accept`, {
    starts_at: a.startsAt,
    ...(a.ownerId === undefined ? {} : { owner_id: a.ownerId }),
    ...(a.joinUrl ? { join_url: a.joinUrl } : {}),
    ...(a.note ? { note: a.note } : {}),
  });

export const declineTraining = (id: number, note: string) =>
  post<TrainingRequest>(`/training-requests/${id}/decline`, { note });
