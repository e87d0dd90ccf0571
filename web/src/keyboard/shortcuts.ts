// Single-key shortcuts ("j", "t", "?") and two-key sequences ("g b"), never taken while someone types in a field,
// holds a modifier, or works inside a dialog. The screen shown registers what its keys do; the newest wins.
import { useEffect, useRef } from "react";

type Handler = () => void;

const registered = new Map<string, Handler[]>();
const sequenceStarts = new Set<string>();
let pendingStart: string | undefined;
let pendingTimer: number | undefined;

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function insideDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("dialog[open]") !== null;
}

function handlerFor(keys: string): Handler | undefined {
  const stack = registered.get(keys);
  return stack?.[stack.length - 1];
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTypingIn(event.target) || insideDialog(event.target)) return;
  let keys = event.key;
  if (pendingStart !== undefined) {
    keys = `${pendingStart} ${event.key}`;
    pendingStart = undefined;
    window.clearTimeout(pendingTimer);
  } else if (sequenceStarts.has(keys)) {
    pendingStart = keys;
    pendingTimer = window.setTimeout(() => (pendingStart = undefined), 1500);
    event.preventDefault();
    return;
  }
  const handler = handlerFor(keys);
  if (!handler) return;
  event.preventDefault();
  handler();
}

/** Listens for shortcuts on the whole document; call once, at the top of the app. */
export function useShortcutListener(): void {
  useEffect(() => {
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

/** While the calling component is shown (and `enabled`), `keys` runs `handler`. */
export function useShortcut(keys: string, handler: Handler, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return undefined;
    const run: Handler = () => latest.current();
    const stack = registered.get(keys) ?? [];
    registered.set(keys, [...stack, run]);
    const [start, second] = keys.split(" ");
    if (second !== undefined && start !== undefined) sequenceStarts.add(start);
    return () => {
      registered.set(
        keys,
        (registered.get(keys) ?? []).filter((h) => h !== run),
      );
    };
  }, [keys, enabled]);
}
