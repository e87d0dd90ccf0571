import { useEffect, useRef, useState, type ReactNode } from "react";
import { AssignmentRequestForm } from "../../requests/AssignmentRequestForm";
import { NewTicketRequestForm } from "../../requests/NewTicketRequestForm";
import { HandoffPlacementForm } from "./HandoffPlacementForm";

export type Ask = "assignment" | "new_ticket" | "handoff";

function Panel({ id, title, open, children }: { id: string; title: string; open: boolean; children: ReactNode }) {
  const [isOpen, setOpen] = useState(open);
  const summary = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    setOpen(true);
    summary.current?.focus();
  }, [open]);
  return (
    <details id={id} className="panel" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary ref={summary}>{title}</summary>
      <div className="panel__body">{children}</div>
    </details>
  );
}

/** What the rulebook keeps for the shift lead, one request away: assignment (R7, R11), a new ticket (R9, R12),
 * and the hand-off sheet (R8). `ask` opens one of them (a refusal links here with ?ask=...). */
export function AskTheLead({ ticketId, ask }: { ticketId: number; ask: Ask | undefined }) {
  return (
    <section aria-labelledby="ask-the-lead" className="stack">
      <h2 id="ask-the-lead">Requests and hand-off</h2>
      <Panel id="ask-assignment" title="Ask the shift lead to assign" open={ask === "assignment"}>
        <AssignmentRequestForm ticketId={ticketId} />
      </Panel>
      <Panel id="ask-new-ticket" title="Request a new or child ticket (R9, R12)" open={ask === "new_ticket"}>
        <NewTicketRequestForm ticketId={ticketId} />
      </Panel>
      <Panel id="place-on-sheet" title="Place on the hand-off sheet (R8)" open={ask === "handoff"}>
        <HandoffPlacementForm ticketId={ticketId} />
      </Panel>
    </section>
  );
}
