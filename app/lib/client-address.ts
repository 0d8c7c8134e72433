import net from "node:net";

/**
 * The one way a client address is written down (throttling, rate limits, audit log): an
 * IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, what a dual-stack socket reports) becomes its
 * IPv4 form, so one client never counts as two.
 */
export function normaliseAddress(address: string | undefined | null): string {
  if (!address) return "unknown";
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(trimmed);
  if (mapped && net.isIPv4(mapped[1])) return mapped[1];
  return net.isIP(trimmed) ? trimmed : "unknown";
}
