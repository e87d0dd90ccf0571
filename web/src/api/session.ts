// Signing in and out, who I am, and the rulebook.
import { get, post, remove } from "./http";
import type { Me, Rule, SessionStarted } from "./types";

export const signIn = (login: string, password: string) => post<SessionStarted>("/session", { login, password });

export const signOut = () => remove<{ signed_out: boolean }>("/session");

export const fetchMe = (signal?: AbortSignal) => get<Me>("/me", signal);

export const fetchRules = (signal?: AbortSignal) => get<{ rules: Rule[] }>("/rules", signal);
