// The team: who is on queue, off queue or on leave (R4, R6).
import { get, post } from "./http";
import type { User } from "./types";

export const fetchUsers = (signal?: AbortSignal) => get<{ users: User[] }>("/users", signal);

/** A lead puts someone back on queue, ending an off-queue window early (R6). */
export const putBackOnQueue = (userId: number) => post<User>(`/users/${userId}/queue`, { on_queue: true });
