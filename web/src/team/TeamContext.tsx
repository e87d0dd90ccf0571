// The team as the desk knows it now (GET /api/v1/users), shared by every screen that names people.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { fetchUsers } from "../api/people";
import type { User } from "../api/types";
import { useResource } from "../data/useResource";
import { ownsTickets } from "../session/roles";

interface Team {
  users: User[];
  /** Active engineers and shift leads: who can own a ticket (R1). */
  owners: User[];
  nameOf(id: number | null | undefined): string;
}

const TeamContext = createContext<Team | undefined>(undefined);

export function TeamProvider({ children }: { children: ReactNode }) {
  const { data } = useResource("users", fetchUsers);
  const team = useMemo<Team>(() => {
    const users = data?.users ?? [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return {
      users,
      owners: users.filter((u) => u.active && ownsTickets(u)),
      nameOf: (id) => (id == null ? "nobody" : (byId.get(id)?.name ?? `user ${id}`)),
    };
  }, [data]);
  return <TeamContext.Provider value={team}>{children}</TeamContext.Provider>;
}

export function useTeam(): Team {
  const team = useContext(TeamContext);
  if (!team) throw new Error("useTeam outside TeamProvider");
  return team;
}
