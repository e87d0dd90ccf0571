import { fetchTraining } from "../../api/calls";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useResource } from "../../data/useResource";
import { plural } from "../../format/plural";
import { TrainingDecisionRow } from "./TrainingDecisionRow";

/** Training requests waiting for a decision, with the team's load in view (R14). */
export function TrainingScreen() {
  const waiting = useResource("training:waiting", (s) => fetchTraining("waiting", undefined, s));
  return (
    <>
      <PageHeading title="Training requests" />
      <Loading resource={waiting}>
        {({ training_requests: list, team = [] }) => (
          <>
            <p role="status" className="summary">
              {plural(list.length, "request waits", "requests wait")} for a decision
            </p>
            {list.length === 0 ? (
              <p className="empty">Nothing waits.</p>
            ) : (
              <ul className="card-list" aria-label="Waiting training requests">
                {list.map((t) => (
                  <TrainingDecisionRow key={t.id} request={t} team={team} />
                ))}
              </ul>
            )}
          </>
        )}
      </Loading>
    </>
  );
}
