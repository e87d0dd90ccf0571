// Where the app is: the browser's path and query, changed with the History API. The server answers every page
// path with the app itself, so /tickets/12 works when opened or reloaded.
import { useSyncExternalStore } from "react";

export interface Place {
  pathname: string;
  search: URLSearchParams;
}

const listeners = new Set<() => void>();
let href = window.location.pathname + window.location.search;
let place: Place = read();
let movedByUser = false;

function read(): Place {
  return { pathname: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

function changed(): void {
  const next = window.location.pathname + window.location.search;
  if (next === href) return;
  href = next;
  place = read();
  movedByUser = true;
  for (const listener of listeners) listener();
}

window.addEventListener("popstate", changed);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, "", to);
  } else {
    window.history.pushState(null, "", to);
  }
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const usePlace = (): Place => useSyncExternalStore(subscribe, () => place);

/** Whether the user moved to this screen (so its heading takes focus), asked once per move. */
export function takeMoveFocus(): boolean {
  const moved = movedByUser;
  movedByUser = false;
  return moved;
}
