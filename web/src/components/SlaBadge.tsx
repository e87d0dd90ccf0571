import type { SlaState } from "../api/types";
import { slaLabels } from "../format/labels";

/** The ticket's SLA state in words and colour (never colour alone). */
export function SlaBadge({ state }: { state: SlaState }) {
  return (
    <span className={`badge badge--sla-${state}`} data-sla={state}>
      <span className="visually-hidden">SLA: </span>
      {slaLabels[state]}
    </span>
  );
}
