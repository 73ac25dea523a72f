import "server-only";
import { AwsGatewayError } from "../aws";
import { getAwsGateway } from "../aws";
import { gatewayForAccount } from "../core/accounts";
import { db } from "../db";
import { recordAudit } from "../core/audit";
import { catalogSource } from "../core/catalog";
import { notFound, ServiceError } from "../core/errors";
import { RECENT_SIGN_IN_MINUTES, SIGN_IN_AGAIN, signInIsRecent } from "../auth/recent-sign-in";
import type { RequestActor } from "./requests/assess";

export const PASSWORD_RULES =
  "At least 8 characters (64 at most) with three of these four: lower-case letters, upper-case letters, numbers, and symbols. " +
  "It must not contain your user name.";

/** Resets per person in any hour: enough to fix a typo twice, too few to use the portal to hammer a directory. */
export const RESETS_PER_HOUR = 3;
const HOUR_MS = 60 * 60_000;

export interface PasswordResetActor extends RequestActor {
  /** When the person last signed in; null or absent counts as long ago. */
  signedInAt?: Date | null;
}

const utcTime = (at: Date) => `${at.toISOString().slice(11, 16)} UTC`;

/**
 * Refuses a fourth reset within an hour. The audit log records every reset, so the count holds across
 * processes and restarts. Two resets sent at the same instant can both pass the count; a lock held
 * across the Directory Service call would stall the embedded database for every other request.
 */
async function checkResetLimit(actorId: string, now: Date): Promise<void> {
  const resets = await db().auditEvent.findMany({
    where: { actorId, action: "directory.password_reset", at: { gt: new Date(now.getTime() - HOUR_MS) } },
    select: { at: true },
    orderBy: { at: "asc" },
  });
  if (resets.length < RESETS_PER_HOUR) return;
  // The count drops below the limit when this one leaves the hour.
  const nextAt = new Date(resets[resets.length - RESETS_PER_HOUR]!.at.getTime() + HOUR_MS);
  const minutes = Math.max(1, Math.ceil((nextAt.getTime() - now.getTime()) / 60_000));
  throw new ServiceError(
    "refused",
    `You have changed your password ${resets.length} times in the last hour, and the portal allows ${RESETS_PER_HOUR}. ` +
      `You can try again at ${utcTime(nextAt)} (in ${minutes} minute${minutes === 1 ? "" : "s"}).`,
  );
}

/**
 * Resets the signed-in user's own directory password for the directory of one of their WorkSpaces.
 * It runs at once rather than as a queued request because the password must never be stored, not even
 * in the outbox; it is passed straight to Directory Service and appears in no log or audit event.
 * It needs a sign-in within the last RECENT_SIGN_IN_MINUTES and allows RESETS_PER_HOUR an hour.
 */
export async function resetDirectoryPassword(
  actor: PasswordResetActor,
  input: { workspaceId: string; newPassword: string },
  now = new Date(),
): Promise<{ directoryName: string }> {
  if (!signInIsRecent(actor.signedInAt, now)) {
    const message =
      `To change a password you must have signed in within the last ${RECENT_SIGN_IN_MINUTES} minutes. ` + "Sign in again, then change it.";
    throw new ServiceError("refused", message, [{ code: SIGN_IN_AGAIN, message }]);
  }
  const ws = await db().workspace.findFirst({ where: { id: input.workspaceId, ownerId: actor.id, goneAt: null } });
  if (!ws) throw notFound("That WorkSpace");
  await checkResetLimit(actor.id, now);
  const directory = (await catalogSource().directories(ws.region, ws.accountId)).find((d) => d.id === ws.directoryId);
  if (!directory)
    throw new ServiceError(
      "refused",
      "The WorkSpace's directory is not known to the portal; ask the IT service desk to reset your password.",
    );
  if (directory.type === "AD_CONNECTOR") {
    throw new ServiceError(
      "refused",
      `Your account lives in your company's own Active Directory (${directory.name}), which the portal cannot change. ` +
        "Ask the IT service desk to reset your password.",
    );
  }
  if (input.newPassword.toLowerCase().includes(ws.userName.toLowerCase()))
    throw new ServiceError("invalid", "The password must not contain your user name.");
  let requestId: string;
  try {
    ({ requestId } = await (
      await gatewayForAccount(db(), getAwsGateway, ws.accountId)
    )
      .region(ws.region)
      .directoryService.resetUserPassword(ws.directoryId, ws.userName, input.newPassword));
  } catch (error) {
    if (error instanceof AwsGatewayError && error.details.awsCode === "InvalidPasswordException") {
      throw new ServiceError("invalid", `The directory did not accept that password. ${PASSWORD_RULES}`);
    }
    if (error instanceof AwsGatewayError && !error.retryable) throw new ServiceError("refused", error.message);
    throw error;
  }
  await recordAudit(db(), {
    actor: { kind: "user", id: actor.id, name: actor.name, role: actor.role },
    action: "directory.password_reset",
    targetType: "directory-user",
    targetId: `${ws.directoryId}/${ws.userName}`,
    awsRequestIds: [requestId],
  });
  return { directoryName: directory.name };
}
