import { fetchLeaves } from "../../api/leaves";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useResource } from "../../data/useResource";
import { isLead } from "../../session/roles";
import { useMe } from "../../session/SessionContext";
import { useTeam } from "../../team/TeamContext";
import { LeaveCard } from "./LeaveCard";
import { PlanLeaveForm } from "./PlanLeaveForm";

/** Plan leave and watch its readiness go green (R4, R5, R13); a lead sees the whole team's. */
export function LeaveScreen() {
  const me = useMe();
  const lead = isLead(me);
  const { nameOf } = useTeam();
  const whose = lead ? undefined : me.id;
  const leaves = useResource(`leaves:${whose ?? "team"}`, (s) => fetchLeaves(whose, s));

  return (
    <>
      <PageHeading title="Leave" />
      <section aria-labelledby="leave-plan">
        <h2 id="leave-plan">Plan leave</h2>
        <PlanLeaveForm />
      </section>
      <section aria-labelledby="leave-coming">
        <h2 id="leave-coming">{lead ? "The team's coming leave" : "My coming leave"}</h2>
        <Loading resource={leaves}>
          {({ leaves: list }) =>
            list.length === 0 ? (
              <p className="empty">No leave planned.</p>
            ) : (
              <ul className="card-list">
                {list.map((l) => (
                  <LeaveCard key={l.id} leave={l} person={lead ? nameOf(l.user_id) : undefined} />
                ))}
              </ul>
            )
          }
        </Loading>
      </section>
    </>
  );
}
