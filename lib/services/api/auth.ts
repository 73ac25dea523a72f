import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../../db";
import type { ApiToken } from "../../generated/prisma/client";

// API tokens: "wsp_" and 43 base64url characters (32 random bytes). Only the SHA-256 is stored, so a
// leaked database does not leak usable tokens; a plain hash is enough for 256 random bits (no
// dictionary to guard against), and it lets the lookup be one indexed equality.

export const API_TOKEN_PREFIX = "wsp_";
const TOKEN_SHAPE = /^wsp_[A-Za-z0-9_-]{43}$/;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new secret, its hash and the prefix shown on the admin page. */
export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, 8) };
}

export type AuthenticatedToken = ApiToken & { serviceUser: { id: string; name: string; email: string } };

/** Last use is written at most once a minute per token, so a busy integration does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The token a bearer credential names, revoked and expired ones included (the caller asks
 * `apiAccess` whether it opens anything, so the refusal can say why); null for an unknown or malformed
 * credential.
 */
export async function authenticateApiToken(bearer: string, now = new Date()): Promise<AuthenticatedToken | null> {
  if (!TOKEN_SHAPE.test(bearer)) return null;
  const token = await db().apiToken.findUnique({
    where: { hash: hashApiToken(bearer) },
    include: { serviceUser: { select: { id: true, name: true, email: true } } },
  });
  if (!token) return null;
  if (!token.revokedAt && (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)) {
    await db().apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return token;
}
