import { useEffect, useState } from "react";
import { fetchMyCalls, fetchTraining } from "../../api/calls";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useResource } from "../../data/useResource";
import { CallRow } from "./CallRow";
import { OpenSessionRow } from "./OpenSessionRow";

/** Calls that started up to this long ago still show: one may be under way. */
const recentMs = 2 * 60 * 60 * 1000;

/** What is next: my calls (R3), and the open sessions I may accept (R14). */
export function CallsScreen() {
  const [from] = useState(() => new Date(Date.now() - recentMs).toISOString());
  const calls = useResource("calls:mine", (s) => fetchMyCalls(from, s));
  const sessions = useResource("training:open", (s) => fetchTraining("waiting", "open", s));
  const loaded = calls.data !== undefined;

  // A readiness blocker links to /calls#call-5: bring that call into view once the list is there.
  useEffect(() => {
    if (!loaded || !window.location.hash) return;
    const target = document.getElementById(window.location.hash.slice(1));
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  }, [loaded]);

  return (
    <>
      <PageHeading title="Calls & sessions" />
      <section aria-labelledby="calls-next">
        <h2 id="calls-next">My calls</h2>
        <Loading resource={calls}>
          {({ calls: list }) => {
            const next = list
              .filter((c) => c.state === "scheduled")
              .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
            return next.length === 0 ? (
              <p className="empty">No calls coming up.</p>
            ) : (
              <ul className="card-list">
                {next.map((c) => (
                  <CallRow key={c.id} call={c} />
                ))}
              </ul>
            );
          }}
        </Loading>
      </section>
      <section aria-labelledby="sessions-open">
        <h2 id="sessions-open">Open sessions</h2>
        <p className="muted">Technical sessions of 30 minutes or less, open to any engineer on queue (R14).</p>
        <Loading resource={sessions}>
          {({ training_requests: list }) =>
            list.length === 0 ? (
              <p className="empty">No session is waiting for someone.</p>
            ) : (
              <ul className="card-list">
                {list.map((t) => (
                  <OpenSessionRow key={t.id} request={t} />
                ))}
              </ul>
            )
          }
        </Loading>
      </section>
    </>
  );
}
