// j/k through a list of rows: moves focus to the next or previous row's link, so Enter opens it natively.
import { useCallback, useRef, useState } from "react";
import { useShortcut } from "./shortcuts";

export interface ListNavigation {
  /** The row that has (or last had) focus; -1 before any. */
  active: number;
  /** Attach to each row's link: it is what j/k focus. */
  linkRef(index: number): (element: HTMLAnchorElement | null) => void;
  /** Attach to each row: focusing anything in it makes it the active row. */
  onRowFocus(index: number): () => void;
}

export function useListNavigation(count: number, enabled = true): ListNavigation {
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const [active, setActive] = useState(-1);

  const move = useCallback(
    (step: 1 | -1) => {
      if (count === 0) return;
      const next = active < 0 ? (step === 1 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, active + step));
      links.current[next]?.focus();
      setActive(next);
    },
    [active, count],
  );

  useShortcut("j", () => move(1), enabled);
  useShortcut("k", () => move(-1), enabled);

  const linkRef = useCallback(
    (index: number) => (element: HTMLAnchorElement | null) => {
      links.current[index] = element;
    },
    [],
  );
  const onRowFocus = useCallback((index: number) => () => setActive(index), []);

  return { active: active < count ? active : -1, linkRef, onRowFocus };
}
