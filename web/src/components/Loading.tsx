import type { ReactNode } from "react";
import type { Resource } from "../data/useResource";
import { RefusalBox } from "../refusal/RefusalBox";

/** A resource's content once it is there; until then "Loading…", and the desk's refusal if it said no. */
export function Loading<T>({ resource, children }: { resource: Resource<T>; children(data: T): ReactNode }) {
  return (
    <>
      <RefusalBox error={resource.error} />
      {resource.data !== undefined ? children(resource.data) : resource.loading && <p className="muted">Loading…</p>}
    </>
  );
}
