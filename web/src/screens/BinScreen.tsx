import { fetchOwnedTickets } from "../api/tickets";
import type { TicketPage, TicketSummary } from "../api/types";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { TicketList } from "../components/TicketList";
import { useResource } from "../data/useResource";
import { plural } from "../format/plural";
import { useListNavigation } from "../keyboard/useListNavigation";

function summary(due: TicketSummary[], waiting: TicketSummary[]): string {
  const breached = due.filter((t) => t.sla.state === "breached").length;
  const atRisk = due.filter((t) => t.sla.state === "warning").length;
  return [
    plural(due.length, "ticket to work", "tickets to work"),
    breached ? `${breached} breached` : "",
    atRisk ? `${atRisk} at risk` : "",
    plural(waiting.length, "waiting on the customer", "waiting on customers"),
  ]
    .filter(Boolean)
    .join(", ");
}

const more = (page: TicketPage | undefined) =>
  page?.next_cursor ? <p className="muted">Showing the first {page.tickets.length}; more follow.</p> : null;

/** My bin: open tickets I own, what is due first on top (R1, R2); those waiting on the customer apart. */
export function BinScreen() {
  const due = useResource("bin:open", (s) => fetchOwnedTickets("me", ["open"], s));
  const waiting = useResource("bin:waiting", (s) => fetchOwnedTickets("me", ["pending", "on_hold"], s));
  const dueTickets = due.data?.tickets ?? [];
  const waitingTickets = waiting.data?.tickets ?? [];
  const navigation = useListNavigation(dueTickets.length + waitingTickets.length);

  return (
    <>
      <PageHeading title="My bin" />
      {due.data && waiting.data && (
        <p role="status" className="summary" data-testid="bin-summary">
          {summary(dueTickets, waitingTickets)}
        </p>
      )}
      <section aria-labelledby="bin-due">
        <h2 id="bin-due">To work on, due first</h2>
        <Loading resource={due}>
          {(page) => (
            <>
              <TicketList
                tickets={page.tickets}
                rowTestId="bin-row"
                label="Tickets to work on"
                navigation={navigation}
                empty="Nothing to work on: take a ticket from the queue."
              />
              {more(page)}
            </>
          )}
        </Loading>
      </section>
      <section aria-labelledby="bin-waiting">
        <h2 id="bin-waiting">Waiting on the customer</h2>
        <p className="muted">Pending or on hold: policy clocks pause while the customer answers; a promise does not.</p>
        <Loading resource={waiting}>
          {(page) => (
            <>
              <TicketList
                tickets={page.tickets}
                rowTestId="bin-waiting-row"
                label="Tickets waiting on the customer"
                navigation={navigation}
                offset={dueTickets.length}
                empty="No ticket is waiting on a customer."
              />
              {more(page)}
            </>
          )}
        </Loading>
      </section>
    </>
  );
}
