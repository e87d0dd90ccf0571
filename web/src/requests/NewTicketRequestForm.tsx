import { useState, type FormEvent } from "react";
import { requestNewTicket } from "../api/requests";
import type { LeadRequest, NewTicketReason } from "../api/types";
import { Field, fieldError } from "../components/Field";
import { useAction } from "../data/useAction";
import { newTicketReasonLabels } from "../format/labels";
import { RefusalBox } from "../refusal/RefusalBox";

const reasons = Object.keys(newTicketReasonLabels) as NewTicketReason[];

/** Ask the lead for a new or child ticket (R9); an entirely new issue stays with whoever asked (R12). */
export function NewTicketRequestForm({ ticketId }: { ticketId: number }) {
  const action = useAction();
  const [reason, setReason] = useState<NewTicketReason>("multiple_issues");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [newIssue, setNewIssue] = useState(true);
  const [filed, setFiled] = useState<LeadRequest | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await action.run(() =>
      requestNewTicket({ ticketId, reason, subject: subject.trim(), description: description.trim(), newIssue }),
    );
    if (answer) {
      setFiled(answer);
      setSubject("");
      setDescription("");
    }
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="new-ticket-request-form">
      {filed && (
        <p className="notice notice--ok" role="status">
          Request {filed.id} is with the shift lead.
        </p>
      )}
      <Field label="Why a new ticket" error={fieldError(action.error, "reason")}>
        {(p) => (
          <select {...p} value={reason} onChange={(e) => setReason(e.target.value as NewTicketReason)}>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {newTicketReasonLabels[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Subject of the new ticket" error={fieldError(action.error, "subject")}>
        {(p) => <input {...p} required value={subject} onChange={(e) => setSubject(e.target.value)} />}
      </Field>
      <Field label="What the new issue is (optional)" error={fieldError(action.error, "description")}>
        {(p) => <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <div className="check">
        <input
          id={`new-issue-${ticketId}`}
          type="checkbox"
          checked={newIssue}
          onChange={(e) => setNewIssue(e.target.checked)}
        />
        <label htmlFor={`new-issue-${ticketId}`}>An entirely new issue: the child ticket stays with me (R12)</label>
      </div>
      <RefusalBox error={action.error} inlineFields={["reason", "subject", "description"]} />
      <button type="submit" className="button" disabled={action.pending}>
        Ask the shift lead for a new ticket
      </button>
    </form>
  );
}
