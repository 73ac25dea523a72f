import "server-only";
import { db } from "../db";
import type { DelegationInput } from "../schemas/delegations";
import { hasRole } from "../auth/roles";
import { recordAudit } from "../core/audit";
import { notFound, ServiceError } from "../core/errors";
import { notify } from "../core/notifications";
import type { RequestActor } from "./requests/assess";

/** A manager hands their approvals to someone else for a period (holidays). */
export async function createDelegation(actor: RequestActor, input: DelegationInput, now = new Date()) {
  if (!hasRole(actor.role, "MANAGER")) throw new ServiceError("forbidden", "Only managers can delegate approvals.");
  if (input.delegateId === actor.id) throw new ServiceError("invalid", "Choose someone other than yourself.");
  if (input.endsAt <= now) throw new ServiceError("invalid", "The delegation must end in the future.");
  const delegate = await db().user.findUnique({ where: { id: input.delegateId }, select: { id: true, name: true, role: true } });
  if (!delegate) throw notFound("That person");
  if (!hasRole(delegate.role, "MANAGER"))
    throw new ServiceError("invalid", `${delegate.name} is not a manager or admin and cannot approve requests.`);
  return db().$transaction(async (tx) => {
    const delegation = await tx.delegation.create({
      data: { approverId: actor.id, delegateId: delegate.id, startsAt: input.startsAt, endsAt: input.endsAt },
    });
    await recordAudit(tx, {
      actor: { kind: "user", id: actor.id, name: actor.name, role: actor.role },
      action: "delegation.created",
      targetType: "delegation",
      targetId: delegation.id,
      after: { delegateId: delegate.id, startsAt: input.startsAt, endsAt: input.endsAt },
    });
    await notify(tx, {
      userId: delegate.id,
      kind: "delegation.received",
      title: `${actor.name} delegated approvals to you`,
      body:
        `From ${input.startsAt.toDateString()} to ${input.endsAt.toDateString()} ` +
        `you can approve the requests waiting for ${actor.name}.`,
      link: "/approvals",
      mail: {},
    });
    return delegation;
  });
}

export async function revokeDelegation(actor: RequestActor, delegationId: string, now = new Date()) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.delegation.updateMany({
      where: { id: delegationId, approverId: actor.id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count !== 1) throw notFound("That delegation");
    await recordAudit(tx, {
      actor: { kind: "user", id: actor.id, name: actor.name, role: actor.role },
      action: "delegation.revoked",
      targetType: "delegation",
      targetId: delegationId,
    });
  });
}
