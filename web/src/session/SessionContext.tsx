// Who is signed in. The session itself is the server's HttpOnly cookie: the app only asks /me on start, signs in
// and out, and forgets the user when any answer is 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { hasSessionCookies, whenSignedOut } from "../api/http";
import { fetchMe, signIn as startSession, signOut as endSession } from "../api/session";
import type { User } from "../api/types";
import { startLiveUpdates, stopLiveUpdates } from "../live/liveUpdates";

export type SessionState =
  { status: "checking" } | { status: "signedOut"; expired: boolean } | { status: "signedIn"; user: User };

interface SessionApi {
  state: SessionState;
  signIn(login: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "checking" });

  useEffect(() => {
    whenSignedOut(() => setState((s) => ({ status: "signedOut", expired: s.status === "signedIn" })));
    if (!hasSessionCookies()) {
      setState({ status: "signedOut", expired: false });
      return undefined;
    }
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (user) => setState({ status: "signedIn", user }),
      () => {
        if (!controller.signal.aborted) setState({ status: "signedOut", expired: false });
      },
    );
    return () => controller.abort();
  }, []);

  const signedIn = state.status === "signedIn";
  useEffect(() => {
    if (!signedIn) return undefined;
    startLiveUpdates();
    return stopLiveUpdates;
  }, [signedIn]);

  const signIn = useCallback(async (login: string, password: string) => {
    const session = await startSession(login, password);
    setState({ status: "signedIn", user: session.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await endSession();
    } finally {
      setState({ status: "signedOut", expired: false });
    }
  }, []);

  const api = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error("useSession outside SessionProvider");
  return api;
}

/** The signed-in user; only for screens shown after sign-in. */
export function useMe(): User {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useMe while signed out");
  return state.user;
}
