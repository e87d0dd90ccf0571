import { useState, type FormEvent } from "react";
import { acceptTraining, declineTraining } from "../../api/calls";
import type { TeamLoad, TrainingRequest } from "../../api/types";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { formatAge, fromLocalInput } from "../../format/time";
import { useNow } from "../../format/useNow";
import { RefusalBox } from "../../refusal/RefusalBox";

const kindWords = { technical_session: "Technical session", training: "Training" } as const;

/** A session waiting for the lead: accept it for someone at a time (it becomes a call), or decline with a note. */
export function TrainingDecisionRow({ request: t, team }: { request: TrainingRequest; team: TeamLoad[] }) {
  const action = useAction();
  const now = useNow();
  const [ownerId, setOwnerId] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [joinUrl, setJoinUrl] = useState("");
  const [note, setNote] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "decline") {
      await action.run(() => declineTraining(t.id, note.trim()));
      return;
    }
    await action.run(() =>
      acceptTraining(t.id, {
        startsAt: fromLocalInput(startsAt) ?? "",
        ownerId: ownerId ? Number(ownerId) : undefined,
        joinUrl: joinUrl.trim(),
        note: note.trim(),
      }),
    );
  }

  return (
    <li className="card stack" data-testid="training-row" data-training-id={t.id}>
      <h2 className="h3">
        {kindWords[t.kind]}: {t.topic}
      </h2>
      <p>
        {t.customer.name} · {t.customer.plan || "no plan"}
        {t.customer.critical && <span className="badge badge--critical">Critical customer</span>} · {t.minutes} min ·
        asked by {t.requested_by}, {formatAge(t.created_at, now)}
        {t.route === "open" && " · open to engineers on queue"}
      </p>
      <form className="stack" onSubmit={submit}>
        <div className="row row--end">
          <Field label="Who runs it" error={fieldError(action.error, "owner_id")}>
            {(p) => (
              <select {...p} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
                <option value="">Me</option>
                {team.map((m) => (
                  <option key={m.id} value={m.id} disabled={m.on_leave === true}>
                    {m.name}: {m.open_tickets} open, {m.calls_next_7_days} calls this week
                    {m.on_leave ? " (on leave)" : m.on_queue ? "" : " (off queue)"}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Starts at (your local time)" error={fieldError(action.error, "starts_at")}>
            {(p) => (
              <input {...p} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            )}
          </Field>
          <Field label="Meeting link (optional)" error={fieldError(action.error, "join_url")}>
            {(p) => <input {...p} type="url" value={joinUrl} onChange={(e) => setJoinUrl(e.target.value)} />}
          </Field>
        </div>
        <Field label="Note (required to decline)" error={fieldError(action.error, "note")}>
          {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <RefusalBox error={action.error} inlineFields={["owner_id", "starts_at", "join_url", "note"]} />
        <div className="row">
          <button type="submit" value="accept" className="button button--primary" disabled={action.pending}>
            Accept
          </button>
          <button type="submit" value="decline" className="button" disabled={action.pending}>
            Decline
          </button>
        </div>
      </form>
    </li>
  );
}
