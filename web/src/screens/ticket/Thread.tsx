import type { ThreadEntry } from "../../api/types";
import { LockIcon } from "../../components/LockIcon";
import { formatDateTime } from "../../format/time";

const kindWords: Record<ThreadEntry["kind"], string> = {
  customer: "Customer",
  reply: "Public reply",
  note: "Private — staff only",
};

/** The conversation: what the customer wrote, public replies, and private notes unmistakably apart (R10). */
export function Thread({ entries }: { entries: ThreadEntry[] }) {
  if (entries.length === 0) return <p className="empty">No messages yet.</p>;
  return (
    <ol className="thread" data-testid="ticket-thread">
      {entries.map((e) => (
        <li key={e.id} className={`entry entry--${e.kind}`} data-testid="thread-entry" data-kind={e.kind}>
          <p className="entry__head">
            <span className={`entry__kind entry__kind--${e.kind}`}>
              {e.kind === "note" && <LockIcon />}
              {kindWords[e.kind]}
            </span>{" "}
            <span className="entry__author">
              {e.kind === "note" ? "note by " : e.kind === "reply" ? "to the customer, by " : "from "}
              {e.author.name}
            </span>{" "}
            <time className="muted" dateTime={e.created_at}>
              {formatDateTime(e.created_at)}
            </time>
          </p>
          <div className="entry__body">{e.body}</div>
        </li>
      ))}
    </ol>
  );
}
