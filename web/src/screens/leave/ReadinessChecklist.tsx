import { readinessItemNames, type Leave } from "../../api/types";
import { readinessLabels } from "../../format/labels";
import { BlockerView } from "./BlockerView";

const stateWords = { done: "Done", missing: "Not yet", not_applicable: "Not needed" } as const;

/** R4: the leave's checklist, live; every red item lists what keeps it red. */
export function ReadinessChecklist({ leave }: { leave: Leave }) {
  const { readiness } = leave;
  return (
    <div className="stack">
      <p
        className={readiness.ready ? "notice notice--ok" : "notice notice--warn"}
        data-testid="readiness-ready"
        data-ready={readiness.ready}
        role="status"
      >
        {readiness.ready
          ? "Ready for leave: every item is green."
          : "Not ready yet: the red items below keep it from starting clean."}
      </p>
      <ul className="checklist">
        {readinessItemNames.map((name) => {
          const item = readiness[name];
          return (
            <li
              key={name}
              className={`checklist__item checklist__item--${item.state}`}
              data-testid="readiness-item"
              data-item={name}
              data-state={item.state}
            >
              <p className="checklist__head">
                <span className="checklist__mark" aria-hidden="true">
                  {item.state === "missing" ? "✗" : item.state === "done" ? "✓" : "–"}
                </span>
                <strong>{stateWords[item.state]}:</strong> {readinessLabels[name]}
              </p>
              {item.blockers.length > 0 && (
                <ul className="blockers">
                  {item.blockers.map((b) => (
                    <BlockerView key={`${b.link} ${b.message}`} blocker={b} leave={leave} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
