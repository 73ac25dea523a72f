import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";

// The metrics as the portal's servers use them: the registry (registry.ts, free of server-only so the
// AWS gateway and scripts can count into it) plus the bearer check that guards its text.
export * from "./registry";

/** Whether /api/metrics is served at all: only with METRICS_TOKEN set, so it is never open by accident. */
export function metricsEnabled(): boolean {
  return Boolean(getConfig().metrics.token);
}

/** Whether the request sends `Authorization: Bearer <METRICS_TOKEN>`; always false while no token is set. */
export function metricsAuthorized(headers: Headers): boolean {
  const expected = getConfig().metrics.token;
  return bearerMatches(headers.get("authorization"), expected);
}

/** The comparison behind metricsAuthorized, apart from the config for tests. */
export function bearerMatches(authorization: string | null, expected: string | undefined): boolean {
  if (!expected) return false;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!given) return false;
  // Equal-length digests, so the time taken says nothing about how much of the token was right.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
