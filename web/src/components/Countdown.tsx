import { formatDateTime, formatSpan } from "../format/time";
import { useNow } from "../format/useNow";

/** Time left until `to`, ticking every second, or how long ago it passed. */
export function Countdown({ to, label = "due" }: { to: string; label?: string }) {
  const now = useNow();
  const left = Date.parse(to) - now;
  return (
    <time dateTime={to} title={formatDateTime(to)} className={left < 0 ? "countdown countdown--over" : "countdown"}>
      {left < 0 ? `overdue by ${formatSpan(left)}` : `${label} in ${formatSpan(left)}`}
    </time>
  );
}
