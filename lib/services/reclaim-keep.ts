import "server-only";
import { mayKeepWorkspace, reclaimSettingsSchema, type ReclaimSettings } from "../domain";
import { db } from "../db";
import { recordAudit } from "../core/audit";
import { notFound, ServiceError } from "../core/errors";
import { RECLAIM_SETTING } from "../core/reclaim-settings";
import { saveSetting } from "../core/settings";
import { parseInput, requireAdmin, type AdminCaller } from "./admin/guard";
import { keepWorkspaceInput } from "../schemas/reclaim";

/**
 * "Keep it" on a warned WorkSpace: the owner (or an admin) says why it is still needed, and the idle clock
 * starts again from now. The caller's role and the WorkSpace's owner are read from the database, never
 * taken from the browser.
 */
export async function keepWorkspace(caller: { id: string }, raw: unknown, now = new Date()): Promise<{ keptAt: Date }> {
  const input = parseInput(keepWorkspaceInput, raw);
  return db().$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: caller.id }, select: { id: true, name: true, role: true } });
    const notice = await tx.reclaimNotice.findFirst({ where: { workspaceId: input.workspaceId, status: "WARNED" } });
    const workspace = await tx.workspace.findFirst({ where: { id: input.workspaceId, goneAt: null }, select: { ownerId: true } });
    if (!person || !workspace || !mayKeepWorkspace(person, workspace.ownerId)) throw notFound("That WorkSpace");
    if (!notice) throw new ServiceError("conflict", "This WorkSpace is not due to be reclaimed, so there is nothing to keep.");
    const { count } = await tx.reclaimNotice.updateMany({
      where: { id: notice.id, status: "WARNED" },
      data: { status: "KEPT", keptAt: now, keptById: person.id, justification: input.justification },
    });
    if (count === 0) throw new ServiceError("conflict", "This WorkSpace was kept or reclaimed a moment ago; reload the page.");
    await recordAudit(tx, {
      actor: { kind: "user", id: person.id, name: person.name, role: person.role },
      action: "reclaim.kept",
      targetType: "workspace",
      targetId: input.workspaceId,
      before: { noticeId: notice.id, status: "WARNED", reclaimOn: notice.reclaimOn },
      after: { status: "KEPT", keptAt: now },
      detail: { justification: input.justification },
    });
    return { keptAt: now };
  });
}

export async function updateReclaimSettings(caller: AdminCaller, raw: unknown): Promise<ReclaimSettings> {
  const actor = await requireAdmin(caller);
  const parsed = reclaimSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => ({ code: i.path.map(String).join(".") || "reclaim", message: i.message }));
    throw new ServiceError("invalid", `The reclaim policy was not saved: ${reasons[0]?.message}`, reasons);
  }
  const settings = parsed.data;
  await db().$transaction((tx) => saveSetting(tx, actor, RECLAIM_SETTING, settings, "reclaim.policy_updated"));
  return settings;
}
