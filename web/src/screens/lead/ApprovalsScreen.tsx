import { useState } from "react";
import { fetchRequests } from "../../api/requests";
import type { LeadRequest } from "../../api/types";
import { Countdown } from "../../components/Countdown";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useResource } from "../../data/useResource";
import { requestKindLabels } from "../../format/labels";
import { plural } from "../../format/plural";
import { formatAge } from "../../format/time";
import { useNow } from "../../format/useNow";
import { DecisionForm } from "./DecisionForm";
import { RequestSummary } from "./RequestSummary";

function ApprovalRow({ request: r, onDecided }: { request: LeadRequest; onDecided(message: string): void }) {
  const now = useNow();
  const headingId = `request-${r.id}`;
  return (
    <li className="card stack" data-testid="approvals-row" data-request-id={r.id} data-kind={r.kind}>
      <h2 id={headingId} className="h3">
        {requestKindLabels[r.kind]} request {r.id}
      </h2>
      <p>
        From <strong>{r.requester.name}</strong> ({plural(r.requester.open_tickets, "open ticket", "open tickets")}) ·
        asked {formatAge(r.created_at, now)} · <Countdown to={r.expires_at} label="expires" />
      </p>
      <RequestSummary request={r} />
      <DecisionForm
        request={r}
        onDecided={(verdict) => onDecided(`Request ${r.id} ${verdict === "approve" ? "approved" : "denied"}.`)}
      />
    </li>
  );
}

/** The lead's inbox: pending requests, oldest first, with what each decision needs in view. */
export function ApprovalsScreen() {
  const inbox = useResource("requests:pending", (s) => fetchRequests("pending", s));
  const [decided, setDecided] = useState("");
  return (
    <>
      <PageHeading title="Approvals" />
      <p aria-live="polite" className="live-region">
        {decided}
      </p>
      <Loading resource={inbox}>
        {({ requests }) => (
          <>
            <p role="status" className="summary">
              {plural(requests.length, "request waits", "requests wait")} for a decision
            </p>
            {requests.length === 0 ? (
              <p className="empty">Nothing to decide.</p>
            ) : (
              <ul className="card-list" aria-label="Pending requests">
                {requests.map((r) => (
                  <ApprovalRow key={r.id} request={r} onDecided={setDecided} />
                ))}
              </ul>
            )}
          </>
        )}
      </Loading>
    </>
  );
}
