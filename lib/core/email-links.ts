import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getConfig } from "../config";
import type { DecisionKind } from "../generated/prisma/enums";
import type { Tx } from "./tx";

// An approval mail carries two links, approve and reject. Each token is <id>.<expiry>.<signature>:
// the HMAC makes it unforgeable and tamper-evident, the expiry is inside what is signed, and the
// EmailActionToken row binds it to one request, step, approver and action and makes it single-use.
// Opening a link never changes anything: it leads to a confirmation page that needs the approver signed in.

function signingKey(): Buffer {
  return createHmac("sha256", getConfig().auth.secret).update("portal email action links v1").digest();
}

function signature(id: string, expiresAtSeconds: number): string {
  return createHmac("sha256", signingKey()).update(`${id}.${expiresAtSeconds}`).digest("base64url");
}

export async function issueEmailActionLinks(
  tx: Tx,
  input: { requestId: string; approverId: string; step: number; now?: Date },
): Promise<{ approveUrl: string; rejectUrl: string }> {
  const { portalUrl, mail } = getConfig();
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + mail.linkTtlHours * 3600_000);
  const expiresAtSeconds = Math.floor(expiresAt.getTime() / 1000);
  const urls: Partial<Record<DecisionKind, string>> = {};
  for (const action of ["APPROVED", "REJECTED"] as const) {
    const id = randomBytes(18).toString("base64url");
    await tx.emailActionToken.create({
      data: {
        id,
        requestId: input.requestId,
        approverId: input.approverId,
        action,
        step: input.step,
        expiresAt: new Date(expiresAtSeconds * 1000),
      },
    });
    urls[action] = `${portalUrl}/approvals/email/${id}.${expiresAtSeconds}.${signature(id, expiresAtSeconds)}`;
  }
  return { approveUrl: urls.APPROVED!, rejectUrl: urls.REJECTED! };
}

export type EmailActionCheck =
  { ok: true; tokenId: string; requestId: string; action: DecisionKind; step: number } | { ok: false; reason: string };

const INVALID = "This link is not valid. Open the request from your approvals inbox instead.";

/** Verifies a token for `userId` without using it up. */
export async function checkEmailAction(tx: Tx, token: string, userId: string, now = new Date()): Promise<EmailActionCheck> {
  const match = /^([A-Za-z0-9_-]{24})\.(\d{9,11})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: INVALID };
  const [, id, exp, sig] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(signature(id, Number(exp)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: INVALID };
  if (Number(exp) * 1000 <= now.getTime())
    return { ok: false, reason: "This link has expired. Open the request from your approvals inbox instead." };
  const row = await tx.emailActionToken.findUnique({ where: { id } });
  if (!row || row.expiresAt.getTime() !== Number(exp) * 1000) return { ok: false, reason: INVALID };
  if (row.approverId !== userId) return { ok: false, reason: "This link was sent to someone else. Sign in as the person it was sent to." };
  if (row.usedAt) return { ok: false, reason: "This link has already been used." };
  return { ok: true, tokenId: row.id, requestId: row.requestId, action: row.action, step: row.step };
}

/** Marks the token used; false when another click used it first. Call inside the decision's transaction. */
export async function consumeEmailAction(tx: Tx, tokenId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.emailActionToken.updateMany({ where: { id: tokenId, usedAt: null }, data: { usedAt: now } });
  if (count === 1) {
    // The sibling link (approve vs reject) of the same mail dies with it.
    const used = await tx.emailActionToken.findUniqueOrThrow({ where: { id: tokenId } });
    await tx.emailActionToken.updateMany({
      where: { requestId: used.requestId, approverId: used.approverId, step: used.step, usedAt: null },
      data: { usedAt: now },
    });
  }
  return count === 1;
}
