import { useEffect, useRef, type ReactNode } from "react";
import { takeMoveFocus } from "../router/history";

/** A screen's h1 and the page title; after a move inside the app, focus lands here so screen readers follow. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · shiftdesk`;
    if (takeMoveFocus()) heading.current?.focus();
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
