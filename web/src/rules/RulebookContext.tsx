// The team's rulebook (GET /api/v1/rules), loaded once: a refusal naming a rule shows the rule's sentence.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { fetchRules } from "../api/session";
import type { Rule } from "../api/types";

const RulebookContext = createContext<ReadonlyMap<string, Rule>>(new Map());

export function RulebookProvider({ children }: { children: ReactNode }) {
  const [rules, setRules] = useState<ReadonlyMap<string, Rule>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    fetchRules(controller.signal).then(
      (answer) => setRules(new Map(answer.rules.map((r) => [r.id, r]))),
      () => {
        // Without the rulebook a refusal still shows the rule id and the server's message.
      },
    );
    return () => controller.abort();
  }, []);
  return <RulebookContext.Provider value={rules}>{children}</RulebookContext.Provider>;
}

export const useRule = (id: string | undefined): Rule | undefined => {
  const rules = useContext(RulebookContext);
  return id === undefined ? undefined : rules.get(id);
};
