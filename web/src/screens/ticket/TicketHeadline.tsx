import type { Ticket } from "../../api/types";
import { Countdown } from "../../components/Countdown";
import { SlaBadge } from "../../components/SlaBadge";
import { statusLabels } from "../../format/labels";
import { useTeam } from "../../team/TeamContext";

/** The one line that matters first, above everything else: status, SLA, what is due, who owns it. */
export function TicketHeadline({ ticket: t }: { ticket: Ticket }) {
  const { nameOf } = useTeam();
  return (
    <p className="headline">
      <span>{statusLabels[t.status]}</span>
      <SlaBadge state={t.sla.state} />
      {t.due_at && <Countdown to={t.due_at} label="next update due" />}
      <span>Owner: {t.owner_id === null ? "nobody yet" : nameOf(t.owner_id)}</span>
      <span>
        {t.customer.name}
        {t.customer.critical && <span className="badge badge--critical">Critical customer</span>}
      </span>
    </p>
  );
}
