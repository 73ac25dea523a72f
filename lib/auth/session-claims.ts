import "server-only";
// What the portal records in Auth.js's session token when a person signs in, and when that token still
// opens a session. Pure, so the rule is tested without a database or a cookie.

/** The portal's claims in a decrypted session token. */
export interface SessionClaims {
  userId: string;
  /** The person's session version when they signed in. Raising it in the database ends this session. */
  sessionVersion: number;
  /**
   * When the person last proved who they are. Set only at sign-in: Auth.js re-issues the token (and its
   * `iat`) as the session slides, so `iat` cannot say how long ago someone actually signed in.
   */
  signedInAt: Date | null;
}

/** The claims a freshly signed-in token carries besides Auth.js's own (`signedInAt` in seconds, like `iat`). */
export function signInClaims(sessionVersion: number, now: Date): { sessionVersion: number; signedInAt: number } {
  return { sessionVersion, signedInAt: Math.floor(now.getTime() / 1000) };
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The portal's claims in a decrypted token, or null when it names no user or a claim is malformed.
 * A token issued before the portal recorded versions carries none and counts as version 0, so the
 * person's next sign-out, role change or "sign out everywhere" ends it like any other.
 */
export function readSessionClaims(payload: Record<string, unknown> | null | undefined): SessionClaims | null {
  const sub = payload?.sub;
  if (typeof sub !== "string" || sub === "") return null;
  const version = payload!.sessionVersion ?? 0;
  if (!isCount(version)) return null;
  const signedInAt = payload!.signedInAt;
  if (signedInAt !== undefined && !isCount(signedInAt)) return null;
  return { userId: sub, sessionVersion: version, signedInAt: signedInAt === undefined ? null : new Date(signedInAt * 1000) };
}

/**
 * Whether a token still opens a session: only at the person's current version. Versions only rise, so
 * an older one means the person signed out, changed role or was signed out everywhere since.
 */
export function sessionIsCurrent(claims: Pick<SessionClaims, "sessionVersion">, current: { sessionVersion: number }): boolean {
  return claims.sessionVersion === current.sessionVersion;
}
