import type { ReactNode } from "react";
import type { TicketSummary } from "../api/types";
import { paths } from "../app/paths";
import { channelLabels, priorityLabels, statusLabels } from "../format/labels";
import { Link } from "../router/Link";
import { Countdown } from "./Countdown";
import { SlaBadge } from "./SlaBadge";

interface TicketRowProps {
  ticket: Pick<TicketSummary, "id" | "subject" | "status" | "priority" | "channel" | "customer" | "due_at" | "sla">;
  testId: string;
  active: boolean;
  linkRef(element: HTMLAnchorElement | null): void;
  onFocus(): void;
  /** Who owns it, where the list shows several people's tickets. */
  owner?: string;
  actions?: ReactNode;
}

/** One ticket in a list: subject (the link to open it), customer, SLA state and the countdown to what is due. */
export function TicketRow({ ticket: t, testId, active, linkRef, onFocus, owner, actions }: TicketRowProps) {
  return (
    <li
      className={`ticket-row${active ? " ticket-row--active" : ""}`}
      data-testid={testId}
      data-ticket-id={t.id}
      onFocus={onFocus}
    >
      <div className="ticket-row__main">
        <Link href={paths.ticket(t.id)} ref={linkRef} className="ticket-row__subject">
          <span className="ticket-row__id">#{t.id}</span> {t.subject}
        </Link>
        <p className="ticket-row__meta">
          {t.customer.name}
          {t.customer.plan ? ` · ${t.customer.plan}` : ""}
          {t.customer.critical && <span className="badge badge--critical">Critical customer</span>}
          {" · "}
          {priorityLabels[t.priority]} priority · {channelLabels[t.channel]} · {statusLabels[t.status]}
          {owner !== undefined && ` · ${owner}`}
        </p>
      </div>
      <div className="ticket-row__clock">
        <SlaBadge state={t.sla.state} />
        {t.due_at ? <Countdown to={t.due_at} /> : <span className="muted">nothing due</span>}
      </div>
      {actions && <div className="ticket-row__actions">{actions}</div>}
    </li>
  );
}
