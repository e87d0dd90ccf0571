import { fetchAtRisk } from "../../api/tickets";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { TicketList } from "../../components/TicketList";
import { useResource } from "../../data/useResource";
import { useListNavigation } from "../../keyboard/useListNavigation";
import { useTeam } from "../../team/TeamContext";

/** Warnings and breaches across the team, worst first (R2). */
export function AtRiskScreen() {
  const { nameOf } = useTeam();
  const risk = useResource("sla:at-risk", fetchAtRisk);
  const tickets = risk.data?.tickets ?? [];
  const navigation = useListNavigation(tickets.length);
  const breached = tickets.filter((t) => t.sla.state === "breached").length;
  return (
    <>
      <PageHeading title="At risk" />
      <Loading resource={risk}>
        {({ tickets: list }) => (
          <>
            <p role="status" className="summary">
              {breached} breached, {list.length - breached} at risk
            </p>
            <TicketList
              tickets={list}
              rowTestId="at-risk-row"
              label="Tickets at risk, worst first"
              navigation={navigation}
              empty="Nothing is at risk."
              ownerOf={(t) => `owner ${nameOf(t.owner_id)}`}
            />
          </>
        )}
      </Loading>
    </>
  );
}
