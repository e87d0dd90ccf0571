import { useSyncExternalStore } from "react";
import { currentMode, currentTick, subscribe, type LiveMode } from "./liveUpdates";

/** A number that grows whenever the desk changed: a dependency that refetches. */
export const useLiveTick = (): number => useSyncExternalStore(subscribe, currentTick);

/** How the app hears about changes: the stream, polling, or (signed out) not at all. */
export const useLiveMode = (): LiveMode => useSyncExternalStore(subscribe, currentMode);
