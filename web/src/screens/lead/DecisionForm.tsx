import { useState, type FormEvent } from "react";
import { approveRequest, denyRequest } from "../../api/requests";
import type { LeadRequest } from "../../api/types";
import { Field, fieldError } from "../../components/Field";
import { OwnerOptions } from "../../components/OwnerOptions";
import { useAction } from "../../data/useAction";
import { RefusalBox } from "../../refusal/RefusalBox";
import { useTeam } from "../../team/TeamContext";

type Verdict = "approve" | "deny";

/** Approve or deny, always with a note: an approval leaves it on every ticket it touches (R10). */
export function DecisionForm({ request: r, onDecided }: { request: LeadRequest; onDecided(verdict: Verdict): void }) {
  const { owners } = useTeam();
  const action = useAction();
  const [note, setNote] = useState("");
  const [ownerId, setOwnerId] = useState(r.kind === "assignment" && r.owner_id !== null ? String(r.owner_id) : "");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const verdict: Verdict = submitter?.value === "deny" ? "deny" : "approve";
    const owner = r.kind === "assignment" && ownerId ? Number(ownerId) : undefined;
    const answer = await action.run(() =>
      verdict === "approve" ? approveRequest(r.id, note.trim(), owner) : denyRequest(r.id, note.trim()),
    );
    if (answer) onDecided(verdict);
  }

  return (
    <form className="stack" onSubmit={submit}>
      {r.kind === "assignment" && (
        <Field label="Owner if approved" error={fieldError(action.error, "owner_id")}>
          {(p) => (
            <select {...p} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">As requested</option>
              <OwnerOptions owners={owners} />
            </select>
          )}
        </Field>
      )}
      <Field
        label={
          r.ticket_id === null
            ? "Note (required; kept with the decision)"
            : "Note (required; on approval it lands on the ticket as your private note)"
        }
        error={fieldError(action.error, "note")}
      >
        {(p) => (
          <textarea
            {...p}
            data-testid="approval-note"
            rows={2}
            required
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <RefusalBox error={action.error} inlineFields={["note", "owner_id"]} />
      <div className="row">
        <button
          type="submit"
          value="approve"
          className="button button--primary"
          disabled={action.pending}
          data-testid="approve-button"
        >
          Approve
        </button>
        <button type="submit" value="deny" className="button" disabled={action.pending} data-testid="deny-button">
          Deny
        </button>
      </div>
    </form>
  );
}
