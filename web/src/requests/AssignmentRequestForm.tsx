import { useState, type FormEvent } from "react";
import { requestAssignment } from "../api/requests";
import type { LeadRequest } from "../api/types";
import { Field, fieldError } from "../components/Field";
import { OwnerOptions } from "../components/OwnerOptions";
import { useAction } from "../data/useAction";
import { RefusalBox } from "../refusal/RefusalBox";
import { useTeam } from "../team/TeamContext";

interface Props {
  ticketId: number;
  suggestedOwnerId?: number | undefined;
  /** Inside a refusal: a shorter heading and a button that says what it does. */
  compact?: boolean;
}

/** Ask the shift lead to give a ticket to someone, or to decide who (R7, R11): POST /requests kind assignment. */
export function AssignmentRequestForm({ ticketId, suggestedOwnerId, compact = false }: Props) {
  const { owners } = useTeam();
  const action = useAction();
  const [ownerId, setOwnerId] = useState(suggestedOwnerId === undefined ? "" : String(suggestedOwnerId));
  const [reason, setReason] = useState("");
  const [filed, setFiled] = useState<LeadRequest | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const owner = ownerId ? Number(ownerId) : undefined;
    const answer = await action.run(() => requestAssignment(ticketId, reason.trim(), owner));
    if (answer) {
      setFiled(answer);
      setReason("");
    }
  }

  if (filed) {
    return (
      <p className="notice notice--ok" role="status">
        Request {filed.id} is with the shift lead: you will see their decision on the ticket.
      </p>
    );
  }
  return (
    <form className="stack" onSubmit={submit} data-testid="assignment-request-form">
      <Field label="Give the ticket to" error={fieldError(action.error, "owner_id")}>
        {(p) => (
          <select {...p} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Let the shift lead decide</option>
            <OwnerOptions owners={owners} />
          </select>
        )}
      </Field>
      <Field label="Why (the lead reads this)" error={fieldError(action.error, "reason")}>
        {(p) => <textarea {...p} rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <RefusalBox error={action.error} inlineFields={["owner_id", "reason"]} />
      <button type="submit" className="button" disabled={action.pending}>
        {compact ? "Ask the shift lead for reassignment" : "Send the request"}
      </button>
    </form>
  );
}
