import { useState } from "react";
import { fetchQueue, takeTicket } from "../api/tickets";
import type { Ticket, TicketSummary } from "../api/types";
import { paths } from "../app/paths";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { TicketList } from "../components/TicketList";
import { useAction } from "../data/useAction";
import { useResource } from "../data/useResource";
import { plural } from "../format/plural";
import { useShortcut } from "../keyboard/shortcuts";
import { useListNavigation } from "../keyboard/useListNavigation";
import { RefusalBox } from "../refusal/RefusalBox";
import { Link } from "../router/Link";
import { ownsTickets } from "../session/roles";
import { useMe } from "../session/SessionContext";

/** The queue: unowned tickets, oldest first. Taking one makes it yours (R1, R7). */
export function QueueScreen() {
  const me = useMe();
  const queue = useResource("queue", fetchQueue);
  const tickets = queue.data?.tickets ?? [];
  const navigation = useListNavigation(tickets.length);
  const take = useAction();
  const [tried, setTried] = useState<number | undefined>();
  const [taken, setTaken] = useState<Ticket | undefined>();
  const canTake = ownsTickets(me);

  async function takeOne(t: TicketSummary) {
    setTried(t.id);
    setTaken(undefined);
    setTaken(await take.run(() => takeTicket(t.id)));
  }

  useShortcut(
    "t",
    () => {
      const t = tickets[navigation.active];
      if (t && !take.pending) void takeOne(t);
    },
    canTake,
  );

  return (
    <>
      <PageHeading title="Queue" />
      <div aria-live="polite" className="live-region">
        {taken && (
          <p className="notice notice--ok">
            <Link href={paths.ticket(taken.id)}>
              #{taken.id} {taken.subject}
            </Link>{" "}
            is yours now: it is in your bin.
          </p>
        )}
      </div>
      <RefusalBox error={take.error} ticketId={tried} wantedOwnerId={me.id} />
      <Loading resource={queue}>
        {(page) => (
          <>
            <p role="status" className="summary">
              {plural(page.tickets.length, "ticket", "tickets")} nobody owns yet
            </p>
            <TicketList
              tickets={page.tickets}
              rowTestId="queue-row"
              label="Unowned tickets"
              navigation={navigation}
              empty="The queue is empty."
              actionsFor={
                canTake
                  ? (t) => (
                      <button
                        type="button"
                        className="button"
                        data-testid="take-button"
                        disabled={take.pending}
                        onClick={() => void takeOne(t)}
                        aria-label={`Take #${t.id} ${t.subject}`}
                      >
                        Take
                      </button>
                    )
                  : undefined
              }
            />
          </>
        )}
      </Loading>
    </>
  );
}
