import { useState } from "react";
import { joinCall } from "../../api/calls";
import type { Call } from "../../api/types";
import { paths } from "../../app/paths";
import { Countdown } from "../../components/Countdown";
import { useAction } from "../../data/useAction";
import { safeLink } from "../../format/links";
import { formatDateTime } from "../../format/time";
import { RefusalBox } from "../../refusal/RefusalBox";
import { Link } from "../../router/Link";

const attendanceWords = { on_time: "Joined on time", late: "Joined late (R3)", missed: "Missed (R3)" } as const;

/** One call: when, about what, with whom; Join records attendance (R3) and then opens the meeting. */
export function CallRow({ call }: { call: Call }) {
  const join = useAction();
  const [joined, setJoined] = useState<Call | undefined>();
  const current = joined ?? call;
  const ended = Date.parse(call.ends_at) < Date.now();
  const meeting = safeLink(call.join_url);
  return (
    <li className="card stack" data-testid="call-row" data-call-id={call.id} id={`call-${call.id}`} tabIndex={-1}>
      <h3>{call.topic || "Customer call"}</h3>
      <p>
        <time dateTime={call.starts_at}>{formatDateTime(call.starts_at)}</time>, {call.minutes} min ·{" "}
        {Date.parse(call.starts_at) > Date.now() ? <Countdown to={call.starts_at} label="starts" /> : "started"}
        {call.ticket_id !== null && (
          <>
            {" · "}
            <Link href={paths.ticket(call.ticket_id)}>ticket #{call.ticket_id}</Link>
          </>
        )}
        {call.attendees.length > 0 && <> · with {call.attendees.join(", ")}</>}
      </p>
      {current.attendance && <p className="badge">{attendanceWords[current.attendance]}</p>}
      <RefusalBox error={join.error} />
      <div className="row">
        {!current.joined_at && !ended && call.state === "scheduled" && (
          <button
            type="button"
            className="button button--primary"
            data-testid="join-button"
            disabled={join.pending}
            onClick={async () => setJoined(await join.run(() => joinCall(call.id)))}
          >
            Join
          </button>
        )}
        {current.joined_at && meeting && (
          <a className="button" href={meeting} target="_blank" rel="noreferrer">
            Open the meeting (new tab)
          </a>
        )}
      </div>
    </li>
  );
}
