import type { ReactNode } from "react";
import type { TicketSummary } from "../api/types";
import type { ListNavigation } from "../keyboard/useListNavigation";
import { TicketRow } from "./TicketRow";

interface TicketListProps {
  tickets: TicketSummary[];
  /** data-testid of each row. */
  rowTestId: string;
  label: string;
  navigation: ListNavigation;
  /** Where this list's rows start in the screen's j/k order (a screen may show several lists). */
  offset?: number;
  empty: ReactNode;
  ownerOf?(t: TicketSummary): string;
  actionsFor?(t: TicketSummary, index: number): ReactNode;
}

export function TicketList({
  tickets,
  rowTestId,
  label,
  navigation,
  offset = 0,
  empty,
  ownerOf,
  actionsFor,
}: TicketListProps) {
  if (tickets.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="ticket-list" aria-label={label}>
      {tickets.map((t, i) => (
        <TicketRow
          key={t.id}
          ticket={t}
          testId={rowTestId}
          active={navigation.active === offset + i}
          linkRef={navigation.linkRef(offset + i)}
          onFocus={navigation.onRowFocus(offset + i)}
          owner={ownerOf?.(t)}
          actions={actionsFor?.(t, offset + i)}
        />
      ))}
    </ul>
  );
}
