import { putBackOnQueue } from "../../api/people";
import { fetchAtRisk, fetchOwnedTickets, pageLimit } from "../../api/tickets";
import type { Ticket, User } from "../../api/types";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useAction } from "../../data/useAction";
import { useResource } from "../../data/useResource";
import { formatDateTime, formatDay } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";
import { roleNames } from "../../session/roles";
import { useTeam } from "../../team/TeamContext";

function QueueState({ user }: { user: User }) {
  if (user.on_leave && user.leave) {
    return <>On leave until {formatDay(user.leave.last_day)}</>;
  }
  if (user.off_queue_until) return <>Off queue until {formatDateTime(user.off_queue_until)}</>;
  return <>{user.on_queue ? "On queue" : "Off queue"}</>;
}

function countBy(tickets: Ticket[], ownerId: number, state: "warning" | "breached"): number {
  return tickets.filter((t) => t.owner_id === ownerId && t.sla.state === state).length;
}

/** Each engineer: on queue or not, bin size, at risk, breached (R1, R2, R4, R6). */
export function TeamScreen() {
  const { owners } = useTeam();
  const ids = owners.map((u) => u.id);
  const bins = useResource(`team:bins:${ids.join(",")}`, (s) =>
    Promise.all(ids.map((id) => fetchOwnedTickets(id, ["open", "pending", "on_hold"], s))),
  );
  const risk = useResource("sla:at-risk", fetchAtRisk);
  const backOnQueue = useAction();
  const atRisk = risk.data?.tickets ?? [];

  return (
    <>
      <PageHeading title="Team" />
      <RefusalBox error={backOnQueue.error ?? risk.error} />
      <Loading resource={bins}>
        {(pages) => (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Team board, scrolls sideways">
            <table className="table" data-testid="team-board">
              <thead>
                <tr>
                  <th scope="col">Engineer</th>
                  <th scope="col">Queue</th>
                  <th scope="col">Bin</th>
                  <th scope="col">At risk</th>
                  <th scope="col">Breached</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {owners.map((u, i) => {
                  const page = pages[i];
                  const binSize = page ? `${page.tickets.length}${page.next_cursor ? "+" : ""}` : "—";
                  const warnings = countBy(atRisk, u.id, "warning");
                  const breached = countBy(atRisk, u.id, "breached");
                  return (
                    <tr key={u.id} data-testid="team-row" data-user-id={u.id}>
                      <th scope="row">
                        {u.name} <span className="muted">({roleNames[u.role]})</span>
                      </th>
                      <td>
                        <QueueState user={u} />
                      </td>
                      <td>{binSize}</td>
                      <td className={warnings ? "cell--warn" : undefined}>{warnings}</td>
                      <td className={breached ? "cell--bad" : undefined}>{breached}</td>
                      <td>
                        {u.off_queue_until && (
                          <button
                            type="button"
                            className="button button--small"
                            disabled={backOnQueue.pending}
                            onClick={() => void backOnQueue.run(() => putBackOnQueue(u.id))}
                          >
                            Back on queue<span className="visually-hidden">: {u.name}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Loading>
      <p className="muted">
        Bin: open, pending and on-hold tickets (up to {pageLimit} counted). At risk and breached: from the SLA at-risk
        list.
      </p>
    </>
  );
}
