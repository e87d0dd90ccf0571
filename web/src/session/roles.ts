import type { Role, User } from "../api/types";

export const isLead = (u: User): boolean => u.role === "shift_lead";

/** Engineers and shift leads own and work tickets (R1). */
export const ownsTickets = (u: Pick<User, "role">): boolean => u.role === "engineer" || u.role === "shift_lead";

export const roleNames: Record<Role, string> = {
  engineer: "Engineer",
  shift_lead: "Shift lead",
  admin: "Admin",
  success: "Customer success",
};
