// The team: who is on queue, off queue or on leave (R4, R6).
import { get, post } from "./http";
import type { TeamLoad, User } from "./types";

export const fetchUsers = (signal?: AbortSignal) => get<{ users: User[] }>("/users", signal);

/** The team board in one read (shift leads): where everyone is and their load. */
export const fetchTeamBoard = (signal?: AbortSignal) => get<{ team: TeamLoad[] }>("/team", signal);

/** A lead puts someone back on queue, ending an off-queue window early (R6). */
export const putBackOnQueue = (userId: number) => post<User>(`/users/${userId}/queue`, { on_queue: true });
