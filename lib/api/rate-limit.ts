import "server-only";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Per-token rate limits of the REST API, kept in this process's memory (docs/api.md): 300 calls a
// minute, and once those are spent a burst allowance of 60 more calls per five minutes. A second server
// process keeps its own counts; an ITSM tool rarely comes near either number.

export const API_RATE_LIMIT = { perMinute: 300, burst: 60, burstWindowSeconds: 300 } as const;

const sustained = new RateLimiterMemory({ keyPrefix: "api", points: API_RATE_LIMIT.perMinute, duration: 60 });
const burst = new RateLimiterMemory({ keyPrefix: "api-burst", points: API_RATE_LIMIT.burst, duration: API_RATE_LIMIT.burstWindowSeconds });
const limiter = new BurstyRateLimiter(sustained, burst);

export type RateDecision = { ok: boolean; headers: Record<string, string> };

/** Counts one call of the token; refused when both the minute's calls and the burst allowance are spent. */
export async function takeRateToken(tokenId: string): Promise<RateDecision> {
  let res: RateLimiterRes;
  let ok = true;
  try {
    res = await limiter.consume(tokenId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    res = rejection;
    ok = false;
  }
  const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  // The sustained limiter's state describes the window; the burst is extra and reported in the policy.
  const own = await sustained.get(tokenId);
  const remaining = own ? Math.max(0, API_RATE_LIMIT.perMinute - own.consumedPoints) : API_RATE_LIMIT.perMinute;
  const windowReset = own ? Math.max(1, Math.ceil(own.msBeforeNext / 1000)) : 60;
  const headers: Record<string, string> = {
    "RateLimit-Policy": `${API_RATE_LIMIT.perMinute};w=60, ${API_RATE_LIMIT.burst};w=${API_RATE_LIMIT.burstWindowSeconds};comment="burst"`,
    RateLimit: `limit=${API_RATE_LIMIT.perMinute}, remaining=${remaining}, reset=${windowReset}`,
  };
  if (!ok) headers["Retry-After"] = String(resetSeconds);
  return { ok, headers };
}
