import { useState, type FormEvent } from "react";
import { changeStatus } from "../../api/tickets";
import type { Ticket, TicketStatus } from "../../api/types";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { statusLabels } from "../../format/labels";
import { RefusalBox } from "../../refusal/RefusalBox";

/** A ticket never goes back to new; everything else is the owner's or a lead's call (R1). */
const settable: TicketStatus[] = ["open", "pending", "on_hold", "solved", "closed"];

export function StatusForm({ ticket }: { ticket: Ticket }) {
  const action = useAction();
  const [status, setStatus] = useState<TicketStatus>(ticket.status === "new" ? "open" : ticket.status);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(() => changeStatus(ticket.id, status));
  }

  return (
    <div className="stack">
      <form className="stack" onSubmit={submit}>
        <Field label="Status" error={fieldError(action.error, "status")}>
          {(p) => (
            <select
              {...p}
              data-testid="status-field"
              value={status}
              onChange={(e) => setStatus(e.target.value as TicketStatus)}
            >
              {settable.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={action.pending || status === ticket.status}>
          Change status
        </button>
      </form>
      <RefusalBox error={action.error} inlineFields={["status"]} ticketId={ticket.id} />
    </div>
  );
}
