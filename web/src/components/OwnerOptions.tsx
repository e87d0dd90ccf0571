import type { User } from "../api/types";

/** The people a ticket can go to, as options of a select; someone on leave is marked so (R4). */
export function OwnerOptions({ owners }: { owners: User[] }) {
  return (
    <>
      {owners.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
          {u.on_leave ? " (on leave)" : ""}
        </option>
      ))}
    </>
  );
}
