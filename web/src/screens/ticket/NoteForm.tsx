import { useState, type FormEvent, type Ref } from "react";
import { addNote } from "../../api/tickets";
import { Field, fieldError } from "../../components/Field";
import { LockIcon } from "../../components/LockIcon";
import { useAction } from "../../data/useAction";
import { RefusalBox } from "../../refusal/RefusalBox";

/** A private note: staff only, never sent to the customer (R10). */
export function NoteForm({ ticketId, bodyRef }: { ticketId: number; bodyRef: Ref<HTMLTextAreaElement> }) {
  const action = useAction();
  const [body, setBody] = useState("");
  const [added, setAdded] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(false);
    if (await action.run(() => addNote(ticketId, body))) {
      setBody("");
      setAdded(true);
    }
  }

  return (
    <section className="stack compose compose--note" aria-labelledby="note-heading">
      <h3 id="note-heading">
        <LockIcon /> Private note — staff only
      </h3>
      <form className="stack" onSubmit={submit}>
        <Field label="Note (never reaches the customer)" error={fieldError(action.error, "body")}>
          {(p) => (
            <textarea
              {...p}
              ref={bodyRef}
              data-testid="note-box"
              rows={3}
              required
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="button" disabled={action.pending} data-testid="note-submit">
            Add private note
          </button>
          <span aria-live="polite">{added && "Note added."}</span>
        </div>
      </form>
      <RefusalBox error={action.error} inlineFields={["body"]} ticketId={ticketId} />
    </section>
  );
}
