import { useState, type FormEvent, type Ref } from "react";
import { addReply } from "../../api/tickets";
import { Field, fieldError } from "../../components/Field";
import { useAction } from "../../data/useAction";
import { fromLocalInput } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";

/** A public reply to the customer, with an optional "next update by" promise (R2). */
export function ReplyForm({ ticketId, bodyRef }: { ticketId: number; bodyRef: Ref<HTMLTextAreaElement> }) {
  const action = useAction();
  const [body, setBody] = useState("");
  const [promiseBy, setPromiseBy] = useState("");
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    const answer = await action.run(() => addReply(ticketId, body, fromLocalInput(promiseBy)));
    if (answer) {
      setBody("");
      setPromiseBy("");
      setSent(true);
    }
  }

  return (
    <section className="stack compose compose--reply" aria-labelledby="reply-heading">
      <h3 id="reply-heading">Reply to the customer</h3>
      <form className="stack" onSubmit={submit}>
        <Field label="Reply (public: the customer reads it)" error={fieldError(action.error, "body")}>
          {(p) => (
            <textarea
              {...p}
              ref={bodyRef}
              data-testid="reply-box"
              rows={5}
              required
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Next update by (optional promise)"
          hint="Your local time. The ticket's next update falls due at the earlier of this and the SLA target (R2)."
          error={fieldError(action.error, "promise_by")}
        >
          {(p) => (
            <input
              {...p}
              data-testid="promise-field"
              type="datetime-local"
              value={promiseBy}
              onChange={(e) => setPromiseBy(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={action.pending} data-testid="reply-submit">
            Send reply
          </button>
          <span aria-live="polite">{sent && "Reply sent."}</span>
        </div>
      </form>
      <RefusalBox error={action.error} inlineFields={["body", "promise_by"]} ticketId={ticketId} />
    </section>
  );
}
