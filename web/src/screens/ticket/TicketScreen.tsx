import { useRef } from "react";
import { fetchThread, fetchTicket, takeTicket } from "../../api/tickets";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useAction } from "../../data/useAction";
import { useResource } from "../../data/useResource";
import { useShortcut } from "../../keyboard/shortcuts";
import { usePlace } from "../../router/history";
import { ownsTickets } from "../../session/roles";
import { useMe } from "../../session/SessionContext";
import { AskTheLead, type Ask } from "./AskTheLead";
import { NoteForm } from "./NoteForm";
import { OwnerField } from "./OwnerField";
import { ReplyForm } from "./ReplyForm";
import { StatusForm } from "./StatusForm";
import { Thread } from "./Thread";
import { TicketFacts } from "./TicketFacts";
import { TicketHeadline } from "./TicketHeadline";

const asks: Ask[] = ["assignment", "new_ticket", "handoff"];

/** One ticket: its facts and clocks, the thread, replies and notes, and what to ask the lead for. */
export function TicketScreen({ id }: { id: number }) {
  const me = useMe();
  const ticket = useResource(`ticket:${id}`, (s) => fetchTicket(id, s));
  const thread = useResource(`thread:${id}`, (s) => fetchThread(id, s));
  const take = useAction();
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const askParam = usePlace().search.get("ask");
  const ask = asks.find((a) => a === askParam);
  const worker = ownsTickets(me);

  useShortcut("r", () => replyBox.current?.focus(), worker);
  useShortcut("n", () => noteBox.current?.focus());
  useShortcut(
    "t",
    () => {
      if (ticket.data?.owner_id === null && !take.pending) void take.run(() => takeTicket(id));
    },
    worker,
  );

  const title = ticket.data ? `#${id} ${ticket.data.subject}` : `Ticket #${id}`;
  return (
    <>
      <PageHeading title={title} />
      <Loading resource={ticket}>
        {(t) => (
          <div className="ticket-layout">
            <TicketHeadline ticket={t} />
            <div className="ticket-layout__main stack">
              {t.needs_lead && (
                <p className="notice notice--warn">
                  Flagged for a shift lead (R9): the customer wrote on a long-closed ticket; a new issue needs a new
                  ticket.
                </p>
              )}
              {t.approval_note && (
                <div className="notice">
                  <strong>Shift lead's note (R10):</strong> {t.approval_note.body}
                </div>
              )}
              <section aria-labelledby="ticket-thread">
                <h2 id="ticket-thread">Thread</h2>
                <Loading resource={thread}>{(th) => <Thread entries={th.entries} />}</Loading>
              </section>
              {worker && <ReplyForm ticketId={id} bodyRef={replyBox} />}
              <NoteForm ticketId={id} bodyRef={noteBox} />
            </div>
            <aside className="ticket-layout__side stack" aria-label="Ticket details">
              <section aria-labelledby="ticket-facts" className="card">
                <h2 id="ticket-facts">Details</h2>
                <TicketFacts ticket={t} />
              </section>
              <section aria-labelledby="ticket-owner" className="card stack">
                <h2 id="ticket-owner">Owner and status</h2>
                <OwnerField key={`${t.id}:${t.owner_id ?? ""}`} ticket={t} takeAction={take} />
                {worker && <StatusForm key={`${t.id}:${t.status}`} ticket={t} />}
              </section>
              {worker && <AskTheLead ticketId={id} ask={ask} />}
            </aside>
          </div>
        )}
      </Loading>
    </>
  );
}
