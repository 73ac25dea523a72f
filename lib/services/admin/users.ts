import "server-only";
import type { z } from "zod";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { notFound, ServiceError } from "../../core/errors";
import { parseInput, requireAdmin, type AdminCaller } from "./guard";
import { changeManagerInput, changeRoleInput } from "../../schemas/admin";
import { signOutEverywhereInput } from "../../schemas/sessions";
import { endSessions } from "../../auth/session-version";
import { rerouteOpenApprovals } from "../../core/reroute";

// Roles and reporting lines. The last-admin rule is checked inside the transaction that makes the
// change, under a lock on the admins' rows, so two admins demoting each other at once cannot both win.
// Pending approvals follow each change in the same transaction (see rerouteOpenApprovals).

export async function changeUserRole(caller: AdminCaller, raw: z.input<typeof changeRoleInput>, now = new Date()): Promise<void> {
  const actor = await requireAdmin(caller);
  const { userId, role } = parseInput(changeRoleInput, raw);
  await db().$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' FOR UPDATE`;
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, role: true, roleSource: true, serviceAccount: true },
    });
    if (!user) throw notFound("That person");
    // A service account never approves: what it may do is its API token's scopes.
    if (user.serviceAccount)
      throw new ServiceError("refused", `${user.name} is a service account for the API; its rights are its token's scopes, not a role.`);
    if (user.role === role) return;
    // The next sign-in would set it back from the groups; the groups are where it changes.
    if (user.roleSource) {
      throw new ServiceError(
        "refused",
        `${user.name}'s role comes from their groups at the identity provider. ` +
          "Change their groups there; it takes effect when they next sign in.",
      );
    }
    if (user.role === "ADMIN" && admins.length <= 1) {
      throw new ServiceError("refused", `${user.name} is the last admin. Make someone else an admin first, so the portal always has one.`);
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    // The person signs in again under the new role rather than carry on in sessions opened under the old one.
    await endSessions(tx, userId);
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      targetType: "user",
      targetId: userId,
      before: { role: user.role },
      after: { role },
    });
    await rerouteOpenApprovals(tx, actor, { kind: "approver_role_changed", approverId: userId }, now);
  });
}

export async function changeUserManager(caller: AdminCaller, raw: z.input<typeof changeManagerInput>, now = new Date()): Promise<void> {
  const actor = await requireAdmin(caller);
  const { userId, managerId } = parseInput(changeManagerInput, raw);
  if (managerId === userId) throw new ServiceError("invalid", "Nobody can be their own manager.");
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, managerId: true } });
    if (!user) throw notFound("That person");
    if (managerId) {
      const manager = await tx.user.findUnique({ where: { id: managerId }, select: { id: true, name: true, role: true } });
      if (!manager) throw notFound("That manager");
      // Walk up from the new manager: if we reach the user, the change would make a loop of approvals.
      let cursor: string | null = managerId;
      for (let depth = 0; cursor && depth < 100; depth++) {
        if (cursor === userId)
          throw new ServiceError("refused", `${manager.name} reports to ${user.name}, directly or indirectly; that would make a loop.`);
        cursor = (await tx.user.findUnique({ where: { id: cursor }, select: { managerId: true } }))?.managerId ?? null;
      }
      // An employee could not decide the requests that would be routed to them.
      if (manager.role === "EMPLOYEE")
        throw new ServiceError("refused", `${manager.name} is an employee; give them the manager role first.`);
    }
    if (user.managerId === managerId) return;
    await tx.user.update({ where: { id: userId }, data: { managerId } });
    await recordAudit(tx, {
      actor,
      action: "user.manager_changed",
      targetType: "user",
      targetId: userId,
      before: { managerId: user.managerId },
      after: { managerId },
    });
    await rerouteOpenApprovals(tx, actor, { kind: "manager_changed", requesterId: userId }, now);
  });
}

/** Ends every session the person has, in every browser; their next page asks them to sign in. */
export async function signOutEverywhere(caller: AdminCaller, raw: z.input<typeof signOutEverywhereInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { userId } = parseInput(signOutEverywhereInput, raw);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw notFound("That person");
    await endSessions(tx, userId);
    await recordAudit(tx, { actor, action: "user.signed_out_everywhere", targetType: "user", targetId: userId });
  });
}
