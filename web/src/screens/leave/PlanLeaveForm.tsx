import { useState, type FormEvent } from "react";
import { planLeave } from "../../api/leaves";
import type { LeaveKind } from "../../api/types";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { leaveKindLabels } from "../../format/labels";
import { todayIso } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";

const kinds = Object.keys(leaveKindLabels) as LeaveKind[];

/** Plan leave in whole days of the team's time zone (R4). */
export function PlanLeaveForm() {
  const action = useAction();
  const [firstDay, setFirstDay] = useState("");
  const [lastDay, setLastDay] = useState("");
  const [kind, setKind] = useState<LeaveKind>("vacation");
  const [note, setNote] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await action.run(() => planLeave({ firstDay, lastDay, kind, note: note.trim() }))) {
      setFirstDay("");
      setLastDay("");
      setNote("");
    }
  }

  return (
    <form className="stack card" onSubmit={submit} data-testid="plan-leave-form">
      <div className="row row--end">
        <Field label="First day" error={fieldError(action.error, "first_day")}>
          {(p) => (
            <input
              {...p}
              type="date"
              required
              min={todayIso()}
              value={firstDay}
              onChange={(e) => setFirstDay(e.target.value)}
            />
          )}
        </Field>
        <Field label="Last day" error={fieldError(action.error, "last_day")}>
          {(p) => (
            <input
              {...p}
              type="date"
              required
              min={firstDay || todayIso()}
              value={lastDay}
              onChange={(e) => setLastDay(e.target.value)}
            />
          )}
        </Field>
        <Field label="Kind" error={fieldError(action.error, "kind")}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as LeaveKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {leaveKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Note for the team (optional)" error={fieldError(action.error, "note")}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <RefusalBox error={action.error} inlineFields={["first_day", "last_day", "kind", "note"]} />
      <button type="submit" className="button button--primary" disabled={action.pending}>
        Plan leave
      </button>
    </form>
  );
}
