import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

// Safe webhook targets (SSRF): the portal must not be made to POST into its own network on an admin's
// (or an attacker's) say-so. Every address a host resolves to is classified; one refused address
// refuses the host, and the delivery connects to the exact address that was checked.

export type AddressClass = "public" | "private" | "loopback" | "linkLocal" | "special";

export interface TargetPolicy {
  /** The "Allow webhooks to private network addresses" setting (on-premises ITSM servers). */
  allowPrivate: boolean;
  /** Production: https only, and loopback never (even with private addresses allowed). */
  production: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export type TargetCheck = { ok: true; url: URL; addresses: ResolvedAddress[] } | { ok: false; reason: string };

const PRIVATE_RANGES = new Set(["private", "uniqueLocal", "carrierGradeNat"]);

function classifyParsed(parsed: ipaddr.IPv4 | ipaddr.IPv6): AddressClass {
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    // IPv6 forms that carry an IPv4 address are judged by that address.
    if (range === "ipv4Mapped") return classifyParsed(v6.toIPv4Address());
    if (range === "rfc6052" || range === "rfc6145") return classifyParsed(new ipaddr.IPv4(v6.toByteArray().slice(12)));
    if (range === "6to4") return classifyParsed(new ipaddr.IPv4(v6.toByteArray().slice(2, 6)));
  }
  const range = parsed.range();
  if (range === "unicast") return "public";
  if (range === "loopback") return "loopback";
  if (range === "linkLocal") return "linkLocal";
  if (PRIVATE_RANGES.has(range)) return "private";
  // unspecified, broadcast, multicast, reserved, teredo, documentation, benchmarking, …
  return "special";
}

/** What kind of address this is; anything that does not parse as an IP address is "special" (refused). */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return "special";
  return classifyParsed(ipaddr.parse(address));
}

/** Why an address may not receive webhooks under `policy`, or null when it may. */
export function refusalFor(address: string, policy: TargetPolicy): string | null {
  switch (classifyAddress(address)) {
    case "public":
      return null;
    case "private":
      return policy.allowPrivate ? null : `This address resolves to a private network address (${address}); allow private addresses first.`;
    case "loopback":
      if (policy.allowPrivate && !policy.production) return null;
      return `This address resolves to a loopback address (${address}), which is the portal's own machine.`;
    case "linkLocal":
      return `This address resolves to a link-local address (${address}), such as the cloud metadata service; it is never allowed.`;
    case "special":
      return `This address resolves to ${address}, which cannot receive webhooks.`;
  }
}

const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Checks a webhook URL: its scheme, then every address its host resolves to now. */
export async function checkWebhookTarget(rawUrl: string, policy: TargetPolicy, lookup: Lookup = systemLookup): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, reason: "Enter a full address, such as https://itsm.example.com/hooks/workspaces." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "Webhook addresses must use https." };
  if (policy.production && url.protocol !== "https:") return { ok: false, reason: "Webhook addresses must use https." };
  if (url.username || url.password)
    return { ok: false, reason: "Leave user names and passwords out of the address; the signature proves the sender." };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, reason: `The host ${host} could not be found${code ? ` (${code})` : ""}.` };
  }
  if (!addresses.length) return { ok: false, reason: `The host ${host} could not be found.` };
  for (const a of addresses) {
    const refused = refusalFor(a.address, policy);
    if (refused) return { ok: false, reason: refused };
  }
  return { ok: true, url, addresses };
}
