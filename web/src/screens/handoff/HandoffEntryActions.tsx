import { useId, useState } from "react";
import { finishEntry, pickUpEntry } from "../../api/handoff";
import type { HandoffEntry } from "../../api/types";
import { useAction } from "../../data/useAction";
import { RefusalBox } from "../../refusal/RefusalBox";
import { isLead } from "../../session/roles";
import { useMe } from "../../session/SessionContext";
import { useTeam } from "../../team/TeamContext";

/**
 * Pick an entry up or close it (R8). A lead gives it to someone at once (R11); an engineer picking it up asks
 * the lead for the ticket (R7), and the answer says which request was filed.
 */
export function HandoffEntryActions({ entry }: { entry: HandoffEntry }) {
  const me = useMe();
  const { owners } = useTeam();
  const action = useAction();
  const [pickerId, setPickerId] = useState("");
  const [filedRequest, setFiledRequest] = useState<number | undefined>();
  const selectId = useId();
  const lead = isLead(me);
  const open = entry.state === "open";

  async function pickUp(id: number) {
    const answer = await action.run(() => pickUpEntry(entry.id, id));
    setFiledRequest(answer?.request?.id);
  }

  return (
    <div className="stack stack--tight">
      {open && lead && (
        <div className="row row--end">
          <label htmlFor={selectId} className="visually-hidden">
            Give entry {entry.id} to
          </label>
          <select id={selectId} value={pickerId} onChange={(e) => setPickerId(e.target.value)}>
            <option value="">Give to…</option>
            {owners
              .filter((u) => u.id !== entry.from_user_id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
          <button
            type="button"
            className="button button--small"
            data-testid="handoff-pick-up"
            disabled={action.pending || !pickerId}
            onClick={() => void pickUp(Number(pickerId))}
          >
            Pick up
          </button>
        </div>
      )}
      {open && !lead && me.role === "engineer" && entry.from_user_id !== me.id && (
        <button
          type="button"
          className="button button--small"
          data-testid="handoff-pick-up"
          disabled={action.pending}
          onClick={() => void pickUp(me.id)}
        >
          Pick up (asks the lead)
        </button>
      )}
      {entry.state !== "done" && (
        <button
          type="button"
          className="button button--small button--quiet"
          data-testid="handoff-done"
          disabled={action.pending}
          onClick={() => void action.run(() => finishEntry(entry.id))}
        >
          Done
        </button>
      )}
      <span aria-live="polite">{filedRequest !== undefined && `Request ${filedRequest} is with the shift lead.`}</span>
      <RefusalBox error={action.error} />
    </div>
  );
}
