import { useEffect, useState, type ReactNode } from "react";
import type { User } from "../api/types";
import { navigationFor } from "../app/navigation";
import { Link } from "../router/Link";
import { usePlace } from "../router/history";
import { roleNames } from "../session/roles";
import { useSession } from "../session/SessionContext";
import { LiveStatus } from "./LiveStatus";

interface LayoutProps {
  user: User;
  onShowShortcuts(): void;
  children: ReactNode;
}

/** The frame of every signed-in screen: skip link, banner with navigation and session, and the main region. */
export function Layout({ user, onShowShortcuts, children }: LayoutProps) {
  const { signOut } = useSession();
  const { pathname } = usePlace();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  const items = navigationFor(user);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <Link href="/" className="brand">
            shiftdesk
          </Link>
          <LiveStatus />
          <button
            type="button"
            className="button button--quiet menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
        </div>
        <div id="app-menu" className={menuOpen ? "app-menu app-menu--open" : "app-menu"}>
          <nav aria-label="Main" className="main-nav">
            <ul>
              {items.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="session-bar">
            <span>
              {user.name} <span className="muted">({roleNames[user.role]})</span>
            </span>
            <button type="button" className="button button--quiet" onClick={onShowShortcuts} aria-keyshortcuts="?">
              Shortcuts
            </button>
            <button type="button" className="button button--quiet" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
