import "server-only";
import { LRUCache } from "lru-cache";
import { decode, getToken } from "next-auth/jwt";
import { readSessionClaims, type SessionClaims } from "./session-claims";

// Auth.js names its session cookie with the __Secure- prefix when the site is served over HTTPS. A browser
// only accepts that prefix from a secure origin, so its presence is enough to pick the name (and salt).
export const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";
export const SESSION_COOKIE = "authjs.session-token";

// Decrypting a token takes several Web Crypto calls, and the browser sends the same token with every
// request until the session ends. What a token says depends only on the token and the secret, so its
// decrypted claims are remembered per token for a minute, never past the token's own expiry (one cache
// per secret). Whether those claims still open a session is another matter: the session version they
// carry is compared with the database's on every request (lib/auth/session.ts), never remembered here.
const decodedTokens = new Map<string, LRUCache<string, SessionClaims>>();
const cacheFor = (secret: string) => {
  let cache = decodedTokens.get(secret);
  if (!cache) decodedTokens.set(secret, (cache = new LRUCache<string, SessionClaims>({ max: 10_000, ttl: 60_000 })));
  return cache;
};

/**
 * The portal's claims in an Auth.js session cookie, or null when there is none or it does not decrypt
 * with the secret (tampered, expired, or from another deployment). Only the Cookie header is read, never
 * an Authorization header.
 */
export async function sessionClaimsFromCookieHeader(cookie: string, secret: string): Promise<SessionClaims | null> {
  if (!cookie.includes(SESSION_COOKIE)) return null;
  const secure = cookie.includes(SECURE_SESSION_COOKIE);
  // The cookie's value, put back together when Auth.js had to split a large token over several cookies.
  const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie: secure, raw: true });
  if (!token) return null;
  const remembered = cacheFor(secret);
  const known = remembered.get(token);
  if (known) return known;
  try {
    const payload = await decode({ token, secret, salt: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE });
    const read = readSessionClaims(payload);
    if (!read) return null;
    const claims = Object.freeze(read);
    const msLeft = typeof payload?.exp === "number" ? payload.exp * 1000 - Date.now() : 0;
    if (msLeft > 0) remembered.set(token, claims, { ttl: Math.min(60_000, msLeft) });
    return claims;
  } catch {
    return null;
  }
}
