import { useState, type FormEvent } from "react";
import { placeOnSheet } from "../../api/handoff";
import type { HandoffEntry, HandoffReason } from "../../api/types";
import { paths } from "../../app/paths";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { handoffReasonLabels } from "../../format/labels";
import { fromLocalInput } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";
import { Link } from "../../router/Link";

const reasons = Object.keys(handoffReasonLabels) as HandoffReason[];

/** Put the ticket on the shared hand-off sheet: why, what is validated so far, the next step (R8). */
export function HandoffPlacementForm({ ticketId }: { ticketId: number }) {
  const action = useAction();
  const [reason, setReason] = useState<HandoffReason>("needs_attention");
  const [validation, setValidation] = useState("");
  const [nextStep, setNextStep] = useState("");
  const [neededBy, setNeededBy] = useState("");
  const [placed, setPlaced] = useState<HandoffEntry | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await action.run(() =>
      placeOnSheet({ ticketId, reason, validation, nextStep, neededBy: fromLocalInput(neededBy) }),
    );
    if (answer) setPlaced(answer);
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="handoff-form">
      {placed && (
        <p className="notice notice--ok" role="status">
          On the <Link href={paths.handoffSheet}>hand-off sheet</Link> as entry {placed.id}.
        </p>
      )}
      <Field label="Why" error={fieldError(action.error, "reason")}>
        {(p) => (
          <select {...p} value={reason} onChange={(e) => setReason(e.target.value as HandoffReason)}>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {handoffReasonLabels[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Validation done so far" error={fieldError(action.error, "validation")}>
        {(p) => (
          <textarea {...p} rows={3} required value={validation} onChange={(e) => setValidation(e.target.value)} />
        )}
      </Field>
      <Field label="Next step" error={fieldError(action.error, "next_step")}>
        {(p) => <textarea {...p} rows={2} required value={nextStep} onChange={(e) => setNextStep(e.target.value)} />}
      </Field>
      <Field label="Needed by (optional)" hint="Your local time." error={fieldError(action.error, "needed_by")}>
        {(p) => <input {...p} type="datetime-local" value={neededBy} onChange={(e) => setNeededBy(e.target.value)} />}
      </Field>
      <RefusalBox error={action.error} inlineFields={["reason", "validation", "next_step", "needed_by"]} />
      <button type="submit" className="button" disabled={action.pending}>
        Place on the hand-off sheet
      </button>
    </form>
  );
}
