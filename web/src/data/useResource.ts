// Data a screen shows: fetched when the screen opens or its inputs change, and again whenever the desk changes
// (live updates), keeping what is on screen until the new answer arrives.
import { useEffect, useState } from "react";
import { toApiError, type ApiError } from "../api/http";
import { useLiveTick } from "../live/useLive";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

/**
 * `key` names what is loaded (e.g. "ticket 12"): when it changes, the old data is dropped at once so a screen
 * never shows one ticket's data under another's heading. `load` must only depend on what the key names.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const tick = useLiveTick();
  const [loaded, setLoaded] = useState<Loaded<T>>({ key });

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setLoaded({ key, data }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        // Keep showing the last good data next to the error: a failed refresh does not blank the screen.
        setLoaded((previous) => ({
          key,
          data: previous.key === key ? previous.data : undefined,
          error: toApiError(e),
        }));
      },
    );
    return () => controller.abort();
    // `load` is recreated on every render; the key names everything it depends on.
  }, [key, tick]);

  const current = loaded.key === key;
  return {
    data: current ? loaded.data : undefined,
    error: current ? loaded.error : undefined,
    loading: !current || (loaded.data === undefined && loaded.error === undefined),
  };
}
