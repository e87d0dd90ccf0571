import { useId } from "react";
import { cancelLeave } from "../../api/leaves";
import type { Leave } from "../../api/types";
import { useAction } from "../../data/useAction";
import { leaveKindLabels } from "../../format/labels";
import { formatDay } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";
import { ReadinessChecklist } from "./ReadinessChecklist";

/** One leave: when, whose, and its readiness checklist. */
export function LeaveCard({ leave, person }: { leave: Leave; person?: string }) {
  const cancel = useAction();
  const headingId = useId();
  const days =
    leave.first_day === leave.last_day
      ? formatDay(leave.first_day)
      : `${formatDay(leave.first_day)} – ${formatDay(leave.last_day)}`;
  return (
    <li className="card stack" data-testid="leave-card" data-leave-id={leave.id}>
      <h3 id={headingId}>
        {person ? `${person}: ` : ""}
        {leaveKindLabels[leave.kind]}, {days}
        {leave.active && <span className="badge">On leave now</span>}
      </h3>
      {leave.note && <p className="prewrap">{leave.note}</p>}
      {leave.diversion && (
        <p>
          Desk phone {leave.diversion.extension} forwards to {leave.diversion.target} ({leave.diversion.state})
        </p>
      )}
      {leave.handoff_email && (
        <p>
          Hand-off email: {leave.handoff_email.accepted_at ? "accepted by the mail server" : leave.handoff_email.state}
          {leave.handoff_email.last_error && ` (${leave.handoff_email.last_error})`}
        </p>
      )}
      {leave.state === "cancelled" ? <p className="muted">Cancelled.</p> : <ReadinessChecklist leave={leave} />}
      <RefusalBox error={cancel.error} />
      {leave.state === "planned" && !leave.active && (
        <button
          type="button"
          className="button button--quiet"
          aria-describedby={headingId}
          disabled={cancel.pending}
          onClick={() => void cancel.run(() => cancelLeave(leave.id))}
        >
          Cancel this leave
        </button>
      )}
    </li>
  );
}
