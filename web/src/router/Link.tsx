import type { ComponentProps, MouseEvent } from "react";
import { navigate } from "./history";

type LinkProps = ComponentProps<"a"> & { href: string };

/** An ordinary link that moves inside the app without reloading it (new tabs and downloads work as usual). */
export function Link({ href, onClick, ...rest }: LinkProps) {
  function follow(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  }
  return <a href={href} onClick={follow} {...rest} />;
}
