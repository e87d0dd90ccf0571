import { useState, type FormEvent } from "react";
import { assignTicket, takeTicket } from "../../api/tickets";
import type { Ticket } from "../../api/types";
import { Field, fieldError } from "../../components/Field";
import { OwnerOptions } from "../../components/OwnerOptions";
import { useAction, type Action } from "../../data/useAction";
import { RefusalBox } from "../../refusal/RefusalBox";
import { isLead, ownsTickets } from "../../session/roles";
import { useMe } from "../../session/SessionContext";
import { useTeam } from "../../team/TeamContext";

/**
 * Who owns the ticket (R1). Anyone who can own tickets may take an unowned one; changing the owner is the
 * lead's (R7, R11): the desk decides, and when it refuses, the refusal offers the request to the lead.
 */
export function OwnerField({ ticket, takeAction }: { ticket: Ticket; takeAction: Action }) {
  const me = useMe();
  const { owners, nameOf } = useTeam();
  const assign = useAction();
  const [ownerId, setOwnerId] = useState(ticket.owner_id === null ? "" : String(ticket.owner_id));
  const [note, setNote] = useState("");
  const lead = isLead(me);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ownerId) return;
    if (await assign.run(() => assignTicket(ticket.id, Number(ownerId), note.trim()))) setNote("");
  }

  return (
    <div className="stack" data-testid="owner-field" data-owner-id={ticket.owner_id ?? ""}>
      <p>
        Owner:{" "}
        <strong data-testid="owner-name">{ticket.owner_id === null ? "nobody yet" : nameOf(ticket.owner_id)}</strong>
      </p>
      {ticket.owner_id === null && ownsTickets(me) && (
        <>
          <button
            type="button"
            className="button button--primary"
            data-testid="take-button"
            aria-keyshortcuts="t"
            disabled={takeAction.pending}
            onClick={() => void takeAction.run(() => takeTicket(ticket.id))}
          >
            Take it
          </button>
          <RefusalBox error={takeAction.error} ticketId={ticket.id} wantedOwnerId={me.id} />
        </>
      )}
      {ownsTickets(me) && (
        <form className="stack" onSubmit={submit}>
          <Field
            label="Change owner to"
            hint={
              lead ? undefined : "Only a shift lead reassigns (R11); if the desk refuses, ask the lead right there."
            }
            error={fieldError(assign.error, "owner_id")}
          >
            {(p) => (
              <select {...p} data-testid="owner-select" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
                <option value="">Choose someone</option>
                <OwnerOptions owners={owners} />
              </select>
            )}
          </Field>
          {lead && (
            <Field label="Note on the ticket (optional, private)" error={fieldError(assign.error, "note")}>
              {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          )}
          <button
            type="submit"
            className="button"
            disabled={assign.pending || !ownerId || Number(ownerId) === ticket.owner_id}
          >
            Change owner
          </button>
        </form>
      )}
      <RefusalBox
        error={assign.error}
        inlineFields={["owner_id", "note"]}
        ticketId={ticket.id}
        wantedOwnerId={ownerId ? Number(ownerId) : undefined}
      />
    </div>
  );
}
