import { useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "../api/http";
import { Field, fieldError } from "../components/Field";
import { PageHeading } from "../components/PageHeading";
import { RefusalBox } from "../refusal/RefusalBox";
import { useSession } from "../session/SessionContext";

/** POST /api/v1/session: the server sets the HttpOnly session cookie and the readable CSRF cookie. */
export function SignInScreen({ expired }: { expired: boolean }) {
  const { signIn } = useSession();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await signIn(login.trim(), password);
    } catch (e) {
      setError(toApiError(e));
      setPending(false);
    }
  }

  return (
    <>
      <header className="app-header app-header--plain">
        <div className="app-header__bar">
          <span className="brand">shiftdesk</span>
        </div>
      </header>
      <main id="main" className="sign-in">
        <PageHeading title="Sign in" />
        {expired && (
          <p className="notice" role="status">
            Your session has ended. Sign in again to carry on where you were.
          </p>
        )}
        <form className="stack card" onSubmit={submit} data-testid="sign-in-form">
          <Field label="Login" error={fieldError(error, "login")}>
            {(p) => (
              <input
                {...p}
                data-testid="sign-in-login"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={login}
                onChange={(e) => setLogin(e.target.value)}
              />
            )}
          </Field>
          <Field label="Password" error={fieldError(error, "password")}>
            {(p) => (
              <input
                {...p}
                data-testid="sign-in-password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <RefusalBox error={error} inlineFields={["login", "password"]} />
          <button type="submit" className="button button--primary" disabled={pending} data-testid="sign-in-submit">
            {pending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </main>
    </>
  );
}
