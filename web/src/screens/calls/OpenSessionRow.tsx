import { useId, useState, type FormEvent } from "react";
import { acceptTraining } from "../../api/calls";
import type { TrainingRequest } from "../../api/types";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { formatAge, fromLocalInput } from "../../format/time";
import { useNow } from "../../format/useNow";
import { RefusalBox } from "../../refusal/RefusalBox";

/** A session waiting for someone: accept it for yourself at a time you choose; it becomes a call (R14, R3). */
export function OpenSessionRow({ request: t }: { request: TrainingRequest }) {
  const accept = useAction();
  const [startsAt, setStartsAt] = useState("");
  const headingId = useId();
  const now = useNow();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await accept.run(() => acceptTraining(t.id, { startsAt: fromLocalInput(startsAt) ?? "" }));
  }

  return (
    <li className="card stack" data-testid="training-row" data-training-id={t.id}>
      <h3 id={headingId}>{t.topic}</h3>
      <p>
        {t.customer.name} · {t.customer.plan}
        {t.customer.critical && <span className="badge badge--critical">Critical customer</span>} · {t.minutes} min ·
        asked by {t.requested_by}, {formatAge(t.created_at, now)}
      </p>
      <form className="row row--end" onSubmit={submit} aria-labelledby={headingId}>
        <Field label="Starts at (your local time)" error={fieldError(accept.error, "starts_at")}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              required
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={accept.pending}>
          Accept for me
        </button>
      </form>
      <RefusalBox error={accept.error} inlineFields={["starts_at"]} />
    </li>
  );
}
