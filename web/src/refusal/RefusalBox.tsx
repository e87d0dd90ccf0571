import type { ApiError } from "../api/http";
import { paths } from "../app/paths";
import { AssignmentRequestForm } from "../requests/AssignmentRequestForm";
import { Link } from "../router/Link";
import { useRule } from "../rules/RulebookContext";
import { adviceFor, asksForAssignment, asksForNewTicket } from "./advice";

interface RefusalBoxProps {
  error: ApiError | undefined;
  /** Fields the form shows its own errors at; a refusal about one of them is shown there, not here. */
  inlineFields?: string[];
  /** The ticket the refused command was about: the way round can then be offered right here. */
  ticketId?: number;
  /** Who the user wanted as owner, for an assignment request to the lead. */
  wantedOwnerId?: number;
}

/**
 * Why the desk said no. A refusal that names a rule shows the rule's sentence, the server's message and what to
 * do instead, with the request to the lead one click away. The explanation sits in a live region that is always
 * there, so it is announced as it appears; the offered request follows it, outside the live region.
 */
export function RefusalBox({ error, inlineFields = [], ticketId, wantedOwnerId }: RefusalBoxProps) {
  const rule = useRule(error?.rule);
  const shown = error !== undefined && !(error.field && inlineFields.includes(error.field));
  return (
    <div
      className={shown ? "refusal" : "refusal-region"}
      data-testid={shown ? "refusal-box" : undefined}
      data-rule={shown ? (error.rule ?? "") : undefined}
      data-code={shown ? error.code : undefined}
    >
      <div aria-live="assertive" aria-atomic="true" className="refusal__text">
        {shown &&
          (error.rule ? (
            <>
              <p className="refusal__rule">
                <strong>{rule ? `${rule.title} (${error.rule})` : `Rule ${error.rule}`}</strong>
                {rule && <>: {rule.sentence}</>}
              </p>
              <p className="refusal__message">The desk says: {error.message}</p>
              {adviceFor(error.rule) && <p className="refusal__advice">Instead: {adviceFor(error.rule)}</p>}
            </>
          ) : (
            <p className="refusal__message">
              {error.field ? `${error.field}: ` : ""}
              {error.message}
            </p>
          ))}
      </div>
      {shown && error.rule && ticketId !== undefined && asksForAssignment(error.rule) && (
        <AssignmentRequestForm ticketId={ticketId} suggestedOwnerId={wantedOwnerId} compact />
      )}
      {shown && error.rule && ticketId !== undefined && asksForNewTicket(error.rule) && (
        <p>
          <Link href={`${paths.ticket(ticketId)}?ask=new_ticket#ask-new-ticket`}>
            Request a new ticket from the shift lead
          </Link>
        </p>
      )}
    </div>
  );
}
