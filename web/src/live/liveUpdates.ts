// Tells the screens when the desk changed, so they refetch what they show.
//
// The server's stream (GET /api/v1/stream, Server-Sent Events, cookie-authenticated) sends `event: changed` with
// `data: {"version": n}` on connecting and after every change, and comment lines as heartbeats. While the stream is unavailable
// (404 before the server offers it, or any failed connection the browser gives up on) the desk is polled every
// 5 s instead, and the stream is tried again every minute. A dropped stream that the browser reconnects by
// itself is covered by polling until it is back.
import { apiBase } from "../api/http";

export type LiveMode = "off" | "connecting" | "stream" | "polling";

const pollEveryMs = 5_000;
const retryStreamEveryMs = 60_000;

let mode: LiveMode = "off";
let tick = 0;
let lastVersion: number | undefined;
let source: EventSource | undefined;
let pollTimer: number | undefined;
let retryTimer: number | undefined;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function setMode(next: LiveMode): void {
  if (next === mode) return;
  mode = next;
  emit();
}

/** Something changed (the stream said so, a poll is due, or this tab changed it): every screen refetches. */
export function notifyChanged(): void {
  tick += 1;
  emit();
}

function startPolling(): void {
  if (pollTimer !== undefined) return;
  pollTimer = window.setInterval(() => {
    if (!document.hidden) notifyChanged();
  }, pollEveryMs);
}

function stopPolling(): void {
  window.clearInterval(pollTimer);
  pollTimer = undefined;
}

function onChanged(event: MessageEvent<string>): void {
  let version: number | undefined;
  try {
    version = (JSON.parse(event.data) as { version?: number }).version;
  } catch {
    version = undefined;
  }
  if (version !== undefined && version === lastVersion) return;
  lastVersion = version;
  notifyChanged();
}

function openStream(): void {
  window.clearTimeout(retryTimer);
  retryTimer = undefined;
  if (typeof EventSource === "undefined") {
    setMode("polling");
    startPolling();
    return;
  }
  const stream = new EventSource(`${apiBase}/stream`);
  source = stream;
  stream.addEventListener("changed", onChanged);
  // The server's first event on every connection carries its current version: if anything changed while the
  // stream was down, the version differs and the screens refetch.
  stream.addEventListener("open", () => {
    stopPolling();
    setMode("stream");
  });
  stream.addEventListener("error", () => {
    startPolling();
    if (stream.readyState === EventSource.CLOSED) {
      // The browser gave up (404, 401, not an event stream): poll, and try the stream again later.
      stream.close();
      source = undefined;
      setMode("polling");
      retryTimer = window.setTimeout(openStream, retryStreamEveryMs);
    } else {
      setMode("connecting"); // the browser reconnects by itself; polling covers the gap
    }
  });
}

function onVisible(): void {
  if (!document.hidden) notifyChanged();
}

/** Start listening (after sign-in). */
export function startLiveUpdates(): void {
  if (mode !== "off") return;
  setMode("connecting");
  document.addEventListener("visibilitychange", onVisible);
  openStream();
}

/** Stop listening (on sign-out). */
export function stopLiveUpdates(): void {
  source?.close();
  source = undefined;
  stopPolling();
  window.clearTimeout(retryTimer);
  retryTimer = undefined;
  document.removeEventListener("visibilitychange", onVisible);
  lastVersion = undefined;
  setMode("off");
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const currentMode = (): LiveMode => mode;
export const currentTick = (): number => tick;
