// Every page of the app, by name: the one place that spells its paths.
export const paths = {
  bin: "/bin",
  queue: "/queue",
  ticket: (id: number) => `/tickets/${id}`,
  calls: "/calls",
  leave: "/leave",
  handoffSheet: "/handoff-sheet",
  approvals: "/approvals",
  team: "/team",
  atRisk: "/at-risk",
  training: "/training",
} as const;

export type Page =
  | { name: "home" }
  | { name: "bin" }
  | { name: "queue" }
  | { name: "ticket"; id: number }
  | { name: "calls" }
  | { name: "leave" }
  | { name: "handoffSheet" }
  | { name: "approvals" }
  | { name: "team" }
  | { name: "atRisk" }
  | { name: "training" }
  | { name: "notFound" };

const fixed: Record<string, Page> = {
  "/": { name: "home" },
  [paths.bin]: { name: "bin" },
  [paths.queue]: { name: "queue" },
  [paths.calls]: { name: "calls" },
  [paths.leave]: { name: "leave" },
  [paths.handoffSheet]: { name: "handoffSheet" },
  [paths.approvals]: { name: "approvals" },
  [paths.team]: { name: "team" },
  [paths.atRisk]: { name: "atRisk" },
  [paths.training]: { name: "training" },
};

export function pageAt(pathname: string): Page {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const page = fixed[path];
  if (page) return page;
  const ticket = /^\/tickets\/([1-9][0-9]*)$/.exec(path);
  if (ticket?.[1]) return { name: "ticket", id: Number(ticket[1]) };
  return { name: "notFound" };
}
