// A command the user starts (take, reply, approve, ...): whether it is running, and the desk's refusal if any.
// Success tells every screen to refetch, so lists move at once even while the app is polling.
import { useCallback, useState } from "react";
import { toApiError, type ApiError } from "../api/http";
import { notifyChanged } from "../live/liveUpdates";

export interface Action {
  pending: boolean;
  error: ApiError | undefined;
  /** Runs the command; resolves to its answer, or to undefined when it failed (the error is kept). */
  run<T>(command: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  const run = useCallback(async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(undefined);
    try {
      const answer = await command();
      notifyChanged();
      return answer;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(undefined), []);
  return { pending, error, run, clearError };
}
