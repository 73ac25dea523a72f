// The RADIUS settings' choices and limits, from the Directory Service API model (RadiusSettings), without zod
// so the browser's form can read them.

export const RADIUS_PROTOCOLS = ["PAP", "CHAP", "MS-CHAPv1", "MS-CHAPv2"] as const;
export type RadiusProtocol = (typeof RADIUS_PROTOCOLS)[number];

export const RADIUS_LIMITS = {
  /** The portal's own cap; AWS names none, and a handful of servers (or one load balancer) is the usual set-up. */
  servers: 10,
  serverLength: 256,
  port: { min: 1025, max: 65535, default: 1812 },
  timeoutSeconds: { min: 1, max: 20, default: 5 },
  retries: { min: 0, max: 10, default: 3 },
  displayLabel: 64,
  secret: { min: 8, max: 512 },
} as const;

/** Splits what an admin typed into the servers box (commas, spaces or new lines) into a list. */
export function radiusServerList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${octet}(\\.${octet}){3}$`);
const LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOSTNAME = new RegExp(`^${LABEL}(\\.${LABEL})*$`);

/** An IPv4 address or a fully qualified domain name: what Directory Service takes as a RADIUS server. */
export function isRadiusServer(value: string): boolean {
  return value.length <= RADIUS_LIMITS.serverLength && (IPV4.test(value) || (HOSTNAME.test(value) && /[A-Za-z]/.test(value)));
}
