import "server-only";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getConfig } from "../config";

// Per-token rate limits of the REST API, kept in this process's memory (docs/api.md): by default 300 calls
// a minute (API_RATE_LIMIT_PER_MINUTE) and, once those are spent, a burst allowance of 60 more calls per
// five minutes (API_RATE_LIMIT_BURST). A second server process keeps its own counts.

export const BURST_WINDOW_SECONDS = 300;

interface Limiters {
  perMinute: number;
  burst: number;
  sustained: RateLimiterMemory;
  bursty: BurstyRateLimiter;
}

let limiters: Limiters | undefined;

/** The limits in force, from the configuration; the limiters are made on first use. */
export function apiRateLimits(): Limiters {
  if (limiters) return limiters;
  const { rateLimitPerMinute: perMinute, rateLimitBurst: burst } = getConfig().api;
  const sustained = new RateLimiterMemory({ keyPrefix: "api", points: perMinute, duration: 60 });
  const extra = new RateLimiterMemory({ keyPrefix: "api-burst", points: burst, duration: BURST_WINDOW_SECONDS });
  limiters = { perMinute, burst, sustained, bursty: new BurstyRateLimiter(sustained, extra) };
  return limiters;
}

export type RateDecision = { ok: boolean; headers: Record<string, string> };

/** Counts one call of the token; refused when both the minute's calls and the burst allowance are spent. */
export async function takeRateToken(tokenId: string): Promise<RateDecision> {
  const { perMinute, burst, sustained, bursty } = apiRateLimits();
  let res: RateLimiterRes;
  let ok = true;
  try {
    res = await bursty.consume(tokenId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    res = rejection;
    ok = false;
  }
  // The sustained limiter describes the minute; the burst is extra and named in the policy.
  const own = await sustained.get(tokenId);
  const remaining = own ? Math.max(0, perMinute - own.consumedPoints) : perMinute;
  const windowReset = own ? Math.max(1, Math.ceil(own.msBeforeNext / 1000)) : 60;
  const headers: Record<string, string> = {
    "RateLimit-Policy": `${perMinute};w=60, ${burst};w=${BURST_WINDOW_SECONDS};comment="burst"`,
    RateLimit: `limit=${perMinute}, remaining=${remaining}, reset=${windowReset}`,
  };
  if (!ok) headers["Retry-After"] = String(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
  return { ok, headers };
}
