import { useLiveMode } from "../live/useLive";

const words = {
  off: "Offline",
  connecting: "Connecting…",
  stream: "Live",
  polling: "Polling (5 s)",
} as const;

/** How fresh the screen is: live from the stream, or polled while the stream is unavailable. */
export function LiveStatus() {
  const mode = useLiveMode();
  return (
    <span
      className={`live-status live-status--${mode}`}
      data-testid="live-status"
      data-mode={mode}
      title={mode === "polling" ? "The live stream is unavailable: the screen refreshes every 5 seconds" : undefined}
    >
      <span aria-hidden="true" className="live-status__dot" />
      {words[mode]}
    </span>
  );
}
