/** The schemes the desk takes for a join link (the server's `join_url` check): a meeting or a number to dial. */
const safeProtocols = new Set(["https:", "http:", "tel:", "sip:", "sips:"]);

/**
 * The link to open for a stored `join_url`, or undefined when it is none the desk would take now: a value stored
 * before links were checked (`javascript:`, `data:`) is never turned into a link.
 */
export function safeLink(url: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return safeProtocols.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
