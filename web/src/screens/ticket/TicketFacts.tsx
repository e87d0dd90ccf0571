import type { Ticket } from "../../api/types";
import { paths } from "../../app/paths";
import { Countdown } from "../../components/Countdown";
import { SlaBadge } from "../../components/SlaBadge";
import { channelLabels, priorityLabels, statusLabels } from "../../format/labels";
import { formatDateTime } from "../../format/time";
import { Link } from "../../router/Link";

function When({ at }: { at: string | null }) {
  return at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">—</span>;
}

/** What the ticket is and where it stands against its clocks (R2). */
export function TicketFacts({ ticket: t }: { ticket: Ticket }) {
  const { sla } = t;
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd data-testid="ticket-status">{statusLabels[t.status]}</dd>
      <dt>SLA</dt>
      <dd>
        <SlaBadge state={sla.state} /> {t.due_at && <Countdown to={t.due_at} label="next update due" />}
      </dd>
      {sla.paused_since && (
        <>
          <dt>Paused</dt>
          <dd>
            since <When at={sla.paused_since} /> (waiting on the customer)
          </dd>
        </>
      )}
      {sla.promised_update_at && (
        <>
          <dt>Promised update</dt>
          <dd>
            <When at={sla.promised_update_at} />
          </dd>
        </>
      )}
      {!sla.first_response_at && sla.first_response_due && (
        <>
          <dt>First response due</dt>
          <dd>
            <When at={sla.first_response_due} />
          </dd>
        </>
      )}
      <dt>Resolution due</dt>
      <dd>
        <When at={sla.resolution_due} />
      </dd>
      {sla.breached_at && (
        <>
          <dt>Breached</dt>
          <dd>
            <When at={sla.breached_at} />
          </dd>
        </>
      )}
      <dt>Customer</dt>
      <dd>
        {t.customer.name}
        <br />
        {t.customer.email}
        {t.customer.plan && <> · {t.customer.plan}</>}
        {t.customer.critical && <span className="badge badge--critical">Critical customer</span>}
      </dd>
      <dt>Priority</dt>
      <dd>{priorityLabels[t.priority]}</dd>
      <dt>Channel</dt>
      <dd>{channelLabels[t.channel]}</dd>
      {t.parent_id !== null && (
        <>
          <dt>Parent</dt>
          <dd>
            <Link href={paths.ticket(t.parent_id)}>#{t.parent_id}</Link>
          </dd>
        </>
      )}
      <dt>Opened</dt>
      <dd>
        <When at={t.created_at} />
      </dd>
    </dl>
  );
}
