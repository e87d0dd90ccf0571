// Which screens each role finds in the main navigation, and where each starts.
import type { User } from "../api/types";
import { paths } from "./paths";

export interface NavItem {
  href: string;
  label: string;
}

const bin = { href: paths.bin, label: "My bin" };
const queue = { href: paths.queue, label: "Queue" };
const calls = { href: paths.calls, label: "Calls" };
const leave = { href: paths.leave, label: "Leave" };
const sheet = { href: paths.handoffSheet, label: "Hand-off" };
const approvals = { href: paths.approvals, label: "Approvals" };
const team = { href: paths.team, label: "Team" };
const atRisk = { href: paths.atRisk, label: "At risk" };
const training = { href: paths.training, label: "Training" };

export function navigationFor(user: User): NavItem[] {
  switch (user.role) {
    case "shift_lead":
      return [approvals, team, atRisk, sheet, training, bin, queue, calls, leave];
    case "engineer":
      return [bin, queue, calls, leave, sheet];
    case "success":
      return [queue, sheet];
    case "admin":
      return [];
  }
}

export function homeFor(user: User): string {
  return navigationFor(user)[0]?.href ?? paths.bin;
}
