import { AwsGatewayError } from "../aws";
import { getAwsGateway } from "../aws";
import { db } from "../db";
import { recordAudit } from "../core/audit";
import { catalogSource } from "../core/catalog";
import { notFound, ServiceError } from "../core/errors";
import type { RequestActor } from "./requests/assess";

export const PASSWORD_RULES =
  "At least 8 characters (64 at most) with three of these four: lower-case letters, upper-case letters, numbers, and symbols. It must not contain your user name.";

/**
 * Resets the signed-in user's own directory password for the directory of one of their WorkSpaces.
 * It runs at once rather than as a queued request because the password must never be stored, not even
 * in the outbox; it is passed straight to Directory Service and appears in no log or audit event.
 */
export async function resetDirectoryPassword(actor: RequestActor, input: { workspaceId: string; newPassword: string }): Promise<{ directoryName: string }> {
  const ws = await db().workspace.findFirst({ where: { id: input.workspaceId, ownerId: actor.id, goneAt: null } });
  if (!ws) throw notFound("That WorkSpace");
  const directory = (await (catalogSource()).directories(ws.region)).find((d) => d.id === ws.directoryId);
  if (!directory) throw new ServiceError("refused", "The WorkSpace's directory is not known to the portal; ask the IT service desk to reset your password.");
  if (directory.type === "AD_CONNECTOR") {
    throw new ServiceError(
      "refused",
      `Your account lives in your company's own Active Directory (${directory.name}), which the portal cannot change. Ask the IT service desk to reset your password.`,
    );
  }
  if (input.newPassword.toLowerCase().includes(ws.userName.toLowerCase())) throw new ServiceError("invalid", "The password must not contain your user name.");
  let requestId: string;
  try {
    ({ requestId } = await getAwsGateway().region(ws.region).directoryService.resetUserPassword(ws.directoryId, ws.userName, input.newPassword));
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
