// What a readiness blocker's API link asks the user to do, as a screen or an action of the app.
export type BlockerTarget =
  | { kind: "ticket"; id: number }
  | { kind: "call"; id: number }
  | { kind: "handoffEmail"; leaveId: number }
  | { kind: "diversion"; leaveId: number }
  | { kind: "confirmDiversion"; leaveId: number }
  | { kind: "leave"; leaveId: number }
  | { kind: "unknown" };

const patterns: [RegExp, (id: number) => BlockerTarget][] = [
  [/^\/api\/v1\/tickets\/(\d+)$/, (id) => ({ kind: "ticket", id })],
  [/^\/api\/v1\/calls\/(\d+)$/, (id) => ({ kind: "call", id })],
  [/^\/api\/v1\/leaves\/(\d+)\/handoff-email$/, (leaveId) => ({ kind: "handoffEmail", leaveId })],
  [/^\/api\/v1\/leaves\/(\d+)\/diversion\/confirm$/, (leaveId) => ({ kind: "confirmDiversion", leaveId })],
  [/^\/api\/v1\/leaves\/(\d+)\/diversion$/, (leaveId) => ({ kind: "diversion", leaveId })],
  [/^\/api\/v1\/leaves\/(\d+)$/, (leaveId) => ({ kind: "leave", leaveId })],
];

export function blockerTarget(link: string): BlockerTarget {
  for (const [pattern, target] of patterns) {
    const match = pattern.exec(link);
    if (match?.[1]) return target(Number(match[1]));
  }
  return { kind: "unknown" };
}
