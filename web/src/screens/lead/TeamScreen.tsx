import { fetchTeamBoard, putBackOnQueue } from "../../api/people";
import type { User } from "../../api/types";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useAction } from "../../data/useAction";
import { useResource } from "../../data/useResource";
import { formatDateTime, formatDay } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";
import { roleNames } from "../../session/roles";

function QueueState({ user }: { user: User }) {
  if (user.on_leave && user.leave) {
    return <>On leave until {formatDay(user.leave.last_day)}</>;
  }
  if (user.off_queue_until) return <>Off queue until {formatDateTime(user.off_queue_until)}</>;
  return <>{user.on_queue ? "On queue" : "Off queue"}</>;
}

/** Each engineer: on queue or not, bin size, at risk, breached (R1, R2, R4, R6). */
export function TeamScreen() {
  const board = useResource("team:board", fetchTeamBoard);
  const backOnQueue = useAction();

  return (
    <>
      <PageHeading title="Team" />
      <RefusalBox error={backOnQueue.error} />
      <Loading resource={board}>
        {({ team }) => (
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
                {team.map((u) => {
                  const warnings = u.at_risk;
                  const breached = u.breached;
                  return (
                    <tr key={u.id} data-testid="team-row" data-user-id={u.id}>
                      <th scope="row">
                        {u.name} <span className="muted">({roleNames[u.role]})</span>
                      </th>
                      <td>
                        <QueueState user={u} />
                      </td>
                      <td>{u.open_tickets}</td>
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
        Bin: open, pending and on-hold tickets. At risk and breached: of those, in SLA warning and in breach (R2).
      </p>
    </>
  );
}
