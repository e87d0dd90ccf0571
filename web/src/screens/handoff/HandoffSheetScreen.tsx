import { useState } from "react";
import { fetchSheet, sheetExportUrl, type SheetFilter } from "../../api/handoff";
import type { HandoffReason, HandoffState } from "../../api/types";
import { paths } from "../../app/paths";
import { Field } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { useResource } from "../../data/useResource";
import { handoffReasonLabels, handoffStateLabels, statusLabels } from "../../format/labels";
import { formatDateTime } from "../../format/time";
import { Link } from "../../router/Link";
import { useTeam } from "../../team/TeamContext";
import { HandoffEntryActions } from "./HandoffEntryActions";

const states = Object.keys(handoffStateLabels) as HandoffState[];
const reasons = Object.keys(handoffReasonLabels) as HandoffReason[];

function Filters({ filter, onChange }: { filter: SheetFilter; onChange(f: SheetFilter): void }) {
  const { owners } = useTeam();
  return (
    <div className="row row--end filters" role="group" aria-label="Filter the sheet">
      <Field label="State">
        {(p) => (
          <select
            {...p}
            value={filter.state}
            onChange={(e) => onChange({ ...filter, state: e.target.value as SheetFilter["state"] })}
          >
            <option value="all">All</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {handoffStateLabels[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Why">
        {(p) => (
          <select
            {...p}
            value={filter.reason ?? ""}
            onChange={(e) =>
              onChange({ ...filter, reason: (e.target.value || undefined) as HandoffReason | undefined })
            }
          >
            <option value="">Any reason</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {handoffReasonLabels[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From">
        {(p) => (
          <select
            {...p}
            value={filter.from ?? ""}
            onChange={(e) => onChange({ ...filter, from: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">Anyone</option>
            {owners.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

/** The one shared sheet of tickets that need attention (R8), live, with CSV and XLSX export. */
export function HandoffSheetScreen() {
  const [filter, setFilter] = useState<SheetFilter>({ state: "open" });
  const key = `handoff:${filter.state}:${filter.reason ?? ""}:${filter.from ?? ""}`;
  const sheet = useResource(key, (s) => fetchSheet(filter, s));

  return (
    <>
      <PageHeading title="Hand-off sheet" />
      <Filters filter={filter} onChange={setFilter} />
      <p className="row">
        <a
          className="button button--quiet"
          href={sheetExportUrl(filter, "csv")}
          download
          data-testid="handoff-export-csv"
        >
          Export CSV
        </a>
        <a
          className="button button--quiet"
          href={sheetExportUrl(filter, "xlsx")}
          download
          data-testid="handoff-export-xlsx"
        >
          Export XLSX
        </a>
      </p>
      <Loading resource={sheet}>
        {({ entries }) =>
          entries.length === 0 ? (
            <p className="empty" role="status">
              No entries match.
            </p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Hand-off sheet, scrolls sideways">
              <table className="table" data-testid="handoff-sheet">
                <thead>
                  <tr>
                    <th scope="col">Ticket</th>
                    <th scope="col">From</th>
                    <th scope="col">Why</th>
                    <th scope="col">Validation so far</th>
                    <th scope="col">Next step</th>
                    <th scope="col">Needed by</th>
                    <th scope="col">Picked up by</th>
                    <th scope="col">State</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id} data-testid="handoff-row" data-entry-id={e.id} data-state={e.state}>
                      <th scope="row">
                        <Link href={paths.ticket(e.ticket_id)}>
                          #{e.ticket.id} {e.ticket.subject}
                        </Link>
                        <div className="muted">
                          {e.ticket.customer.name} · {statusLabels[e.ticket.status]}
                        </div>
                      </th>
                      <td>{e.from_name}</td>
                      <td>{handoffReasonLabels[e.reason]}</td>
                      <td className="prewrap">{e.validation}</td>
                      <td className="prewrap">{e.next_step}</td>
                      <td>{e.needed_by ? formatDateTime(e.needed_by) : "—"}</td>
                      <td>{e.picked_up_name ?? "—"}</td>
                      <td>{handoffStateLabels[e.state]}</td>
                      <td>
                        <HandoffEntryActions entry={e} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loading>
    </>
  );
}
