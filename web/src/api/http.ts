// The one way the app talks to the desk: same-origin JSON over /api/v1 with the session cookie, the CSRF header
// on every change, and one error type for every failure.

export const apiBase = "/api/v1";

const csrfCookie = "sd_csrf";

/** Every failure, from a rule's refusal to a dropped connection: {"error":{"code","message","rule"?,"field"?}}. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rule: string | undefined;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, rule?: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.rule = rule;
    this.field = field;
  }
}

/** Whatever was thrown, as an ApiError (a bug in the app reads as one too, rather than vanishing). */
export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, "client", e instanceof Error ? e.message : String(e));
}

let onSignedOut: () => void = () => {};

/** Who to tell when the desk answers 401: the session ended or never began. */
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

function readCookie(name: string): string | undefined {
  for (const pair of document.cookie.split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** Whether the browser holds a session's readable cookie; without it, asking who is signed in is pointless. */
export const hasSessionCookies = (): boolean => readCookie(csrfCookie) !== undefined;

interface ErrorBody {
  error?: { code?: string; message?: string; rule?: string; field?: string };
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const e = body.error ?? {};
  return new ApiError(
    response.status,
    e.code ?? `http_${response.status}`,
    e.message ?? `The desk answered ${response.status} ${response.statusText}`.trim(),
    e.rule,
    e.field,
  );
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = readCookie(csrfCookie) ?? "";
  let response: Response;
  try {
    response = await fetch(apiBase + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, "network", "The desk did not answer: check the connection and try again.");
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && path !== "/session") onSignedOut();
    throw error;
  }
  return (await response.json()) as T;
}

export function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>("GET", path, undefined, signal);
}

export function post<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>("POST", path, body);
}

export function patch<T>(path: string, body: unknown): Promise<T> {
  return request<T>("PATCH", path, body);
}

export function remove<T>(path: string): Promise<T> {
  return request<T>("DELETE", path);
}

/** A query string from the parameters that have a value. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
