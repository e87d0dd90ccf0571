import type { LeadRequest } from "../../api/types";
import { paths } from "../../app/paths";
import { newTicketReasonLabels, statusLabels } from "../../format/labels";
import { Link } from "../../router/Link";
import { useTeam } from "../../team/TeamContext";

/** What a request asks for, with the ticket it touches and its customer: what the lead decides on. */
export function RequestSummary({ request: r }: { request: LeadRequest }) {
  const { nameOf } = useTeam();
  return (
    <div className="stack">
      {r.ticket && (
        <p>
          <Link href={paths.ticket(r.ticket.id)}>
            #{r.ticket.id} {r.ticket.subject}
          </Link>{" "}
          · {r.ticket.customer.name}
          {r.ticket.customer.plan && ` · ${r.ticket.customer.plan}`}
          {r.ticket.customer.critical && <span className="badge badge--critical">Critical customer</span>} ·{" "}
          {statusLabels[r.ticket.status]} · owner {nameOf(r.ticket.owner_id)}
        </p>
      )}
      {r.kind === "assignment" && (
        <p>
          Give it to: <strong>{r.owner_id === null ? "the lead decides" : nameOf(r.owner_id)}</strong>
        </p>
      )}
      {r.kind === "new_ticket" && (
        <>
          <p>
            {newTicketReasonLabels[r.reason as keyof typeof newTicketReasonLabels] ?? r.reason}: new ticket{" "}
            <strong>“{r.subject}”</strong>
            {r.new_issue ? " — an entirely new issue, stays with the requester (R12)" : ""}
          </p>
          {r.description && <p className="prewrap">{r.description}</p>}
          {r.parent_age_days !== undefined && (
            <p className="muted">
              The ticket is {r.parent_age_days} days old
              {r.parent_closed_days != null ? `, closed ${r.parent_closed_days} days ago` : ""}.
            </p>
          )}
        </>
      )}
      {r.kind === "off_queue" && (
        <p>
          Off queue for <strong>{r.hours} h</strong> (R6)
        </p>
      )}
      {r.kind !== "new_ticket" && r.reason && <p className="prewrap">“{r.reason}”</p>}
    </div>
  );
}
