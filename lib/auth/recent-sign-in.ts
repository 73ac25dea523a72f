// Some actions need the person to have proved who they are a moment ago, not hours ago when the session
// began: a session left open on a shared machine, or a copied cookie, must not be enough. Client-safe.

/** How recent a sign-in must be for such an action. */
export const RECENT_SIGN_IN_MINUTES = 10;

/** The reason code of a refusal that asks the person to sign in again; forms offer the way back. */
export const SIGN_IN_AGAIN = "sign_in_again";

/** Whether the person signed in within the last RECENT_SIGN_IN_MINUTES; an unknown sign-in time is not recent. */
export function signInIsRecent(signedInAt: Date | null | undefined, now = new Date()): boolean {
  return signedInAt != null && now.getTime() - signedInAt.getTime() <= RECENT_SIGN_IN_MINUTES * 60_000;
}
