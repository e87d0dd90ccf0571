import { useEffect, useState } from "react";
import type { User } from "../api/types";
import { useShortcut, useShortcutListener } from "../keyboard/shortcuts";
import { Layout } from "../layout/Layout";
import { ShortcutsDialog } from "../layout/ShortcutsDialog";
import { navigate, usePlace } from "../router/history";
import { RulebookProvider } from "../rules/RulebookContext";
import { SignInScreen } from "../screens/SignInScreen";
import { SessionProvider, useSession } from "../session/SessionContext";
import { TeamProvider } from "../team/TeamContext";
import { homeFor } from "./navigation";
import { pageAt, paths } from "./paths";
import { ScreenFor } from "./ScreenFor";

function Desk({ user }: { user: User }) {
  const { pathname } = usePlace();
  const page = pageAt(pathname);
  const [showShortcuts, setShowShortcuts] = useState(false);
  useShortcutListener();
  useShortcut("?", () => setShowShortcuts(true));
  useShortcut("g b", () => navigate(paths.bin));
  useShortcut("g q", () => navigate(paths.queue));
  useEffect(() => {
    if (page.name === "home") navigate(homeFor(user), { replace: true });
  }, [page.name, user]);

  return (
    <TeamProvider>
      <Layout user={user} onShowShortcuts={() => setShowShortcuts(true)}>
        <ScreenFor page={page} user={user} />
      </Layout>
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </TeamProvider>
  );
}

function Gate() {
  const { state } = useSession();
  switch (state.status) {
    case "checking":
      return (
        <main id="main" className="sign-in">
          <p className="muted">Loading…</p>
        </main>
      );
    case "signedOut":
      return <SignInScreen expired={state.expired} />;
    case "signedIn":
      return <Desk user={state.user} />;
  }
}

export function App() {
  return (
    <SessionProvider>
      <RulebookProvider>
        <Gate />
      </RulebookProvider>
    </SessionProvider>
  );
}
