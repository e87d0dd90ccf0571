import { useState, type FormEvent } from "react";
import { confirmDiversion, sendHandoffEmail, setDiversion } from "../../api/leaves";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { RefusalBox } from "../../refusal/RefusalBox";

/** POST /leaves/{id}/handoff-email: 202, queued; the item turns green when the mail server accepts it (R5). */
export function SendHandoffEmail({ leaveId }: { leaveId: number }) {
  const action = useAction();
  const [queued, setQueued] = useState(false);
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="button"
          data-testid="send-handoff-email"
          disabled={action.pending}
          onClick={async () => setQueued((await action.run(() => sendHandoffEmail(leaveId))) !== undefined)}
        >
          Send hand-off email
        </button>
        <span aria-live="polite">{queued && "Queued: this turns green once the mail server has taken it."}</span>
      </div>
      <RefusalBox error={action.error} />
    </div>
  );
}

/** Name where the desk phone forwards during the leave: a colleague or the team line (R13). */
export function DiversionForm({ leaveId, current }: { leaveId: number; current: string | undefined }) {
  const action = useAction();
  const [target, setTarget] = useState(current ?? "");
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(() => setDiversion(leaveId, target.trim()));
  }
  return (
    <form className="row row--end" onSubmit={submit} data-testid="diversion-form">
      <Field label="Forward my desk phone to" hint="An extension or number" error={fieldError(action.error, "target")}>
        {(p) => <input {...p} required value={target} onChange={(e) => setTarget(e.target.value)} />}
      </Field>
      <button type="submit" className="button" disabled={action.pending}>
        Set diversion
      </button>
      <RefusalBox error={action.error} inlineFields={["target"]} />
    </form>
  );
}

/** "The phone forwards now": for a phone system the desk cannot set itself. */
export function ConfirmDiversion({ leaveId }: { leaveId: number }) {
  const action = useAction();
  return (
    <div className="stack">
      <button
        type="button"
        className="button"
        data-testid="confirm-diversion"
        disabled={action.pending}
        onClick={() => void action.run(() => confirmDiversion(leaveId))}
      >
        I have set it: confirm the diversion
      </button>
      <RefusalBox error={action.error} />
    </div>
  );
}
