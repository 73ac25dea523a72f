import "server-only";
import { accountNames } from "../core/accounts";
import { getConfig } from "../config";
import { parseStoredChange } from "../core/stored-change";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { auditMentions, type AuditNameBook } from "../presentation/audit";
import { describeChange } from "../presentation/describe";
import { bundleNameLabel, workspaceDisplayName } from "../presentation/labels";
import { csvStream } from "./admin-csv";
import { catalogFor } from "./catalog";
import type { AuditFilter } from "../schemas/admin-audit";

function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorLabel: { contains: f.actor, mode: "insensitive" } }, { actorId: f.actor }] });
  if (f.target)
    and.push({
      OR: [
        { targetId: { contains: f.target, mode: "insensitive" } },
        { targetType: { equals: f.target, mode: "insensitive" } },
        { requestId: f.target },
      ],
    });
  if (f.action) and.push({ action: { startsWith: f.action, mode: "insensitive" } });
  if (f.from) and.push({ at: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ at: { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return and.length ? { AND: and } : {};
}

const toRow = (e: Prisma.AuditEventGetPayload<object>) => ({ ...e, id: e.id.toString(), at: e.at.toISOString() });
export type AuditRow = ReturnType<typeof toRow>;

/** Newest first, 100 at a time; "before" is the last id seen, so paging stays cheap however long the log grows. */
export async function listAudit(
  f: AuditFilter,
  take = 100,
): Promise<{ rows: AuditRow[]; nextBefore: string | null; names: AuditNameBook }> {
  const where = auditWhere(f);
  const rows = await db().auditEvent.findMany({
    where: f.before ? { AND: [where, { id: { lt: BigInt(f.before) } }] } : where,
    orderBy: { id: "desc" },
    take: take + 1,
  });
  const page = rows.slice(0, take).map(toRow);
  return { rows: page, nextBefore: rows.length > take ? page.at(-1)!.id : null, names: await auditNames(page) };
}

/**
 * The names of the people, WorkSpaces, requests, directories, bundles and webhooks a page of events mentions,
 * one query per kind; directories and bundles from the page catalog (never waiting long on AWS).
 */
export async function auditNames(rows: readonly AuditRow[]): Promise<AuditNameBook> {
  const users = new Set<string>();
  const workspaces = new Set<string>();
  const requests = new Set<string>();
  const webhooks = new Set<string>();
  for (const row of rows) {
    const m = auditMentions(row);
    m.users.forEach((id) => users.add(id));
    m.workspaces.forEach((id) => workspaces.add(id));
    m.requests.forEach((id) => requests.add(id));
    if (row.targetType === "webhook") webhooks.add(row.targetId);
  }
  const [requestRows, hookRows, catalog] = await Promise.all([
    requests.size
      ? db().request.findMany({
          where: { id: { in: [...requests] } },
          select: { id: true, change: true, workspaceId: true, requesterId: true, requester: { select: { name: true } } },
        })
      : [],
    webhooks.size ? db().webhook.findMany({ where: { id: { in: [...webhooks] } }, select: { id: true, name: true } }) : [],
    accountNames(db()).then((accounts) => catalogFor(getConfig().aws.regions, accounts.keys())),
  ]);
  for (const r of requestRows) {
    users.add(r.requesterId);
    if (r.workspaceId) workspaces.add(r.workspaceId);
  }
  const [userRows, wsRows] = await Promise.all([
    users.size ? db().user.findMany({ where: { id: { in: [...users] } }, select: { id: true, name: true } }) : [],
    workspaces.size
      ? db().workspace.findMany({
          where: { id: { in: [...workspaces] } },
          select: { id: true, computerName: true, computeType: true, operatingSystem: true, bundleId: true },
        })
      : [],
  ]);
  const bundleName = (id: string) => {
    const name = catalog.bundle(id)?.name;
    return name ? bundleNameLabel(name) : undefined;
  };
  const names: AuditNameBook = {
    users: Object.fromEntries(userRows.map((u) => [u.id, u.name])),
    workspaces: Object.fromEntries(wsRows.map((w) => [w.id, workspaceDisplayName({ ...w, bundleName: bundleName(w.bundleId) })])),
    requests: {},
    directories: Object.fromEntries(catalog.directories.map((d) => [d.id, d.name])),
    bundles: Object.fromEntries(catalog.bundles.map((b) => [b.id, bundleNameLabel(b.name)])),
    webhooks: Object.fromEntries(hookRows.map((h) => [h.id, h.name])),
  };
  for (const r of requestRows) {
    let title: string;
    try {
      title = describeChange(parseStoredChange(r.change), bundleName, (id) => names.workspaces[id]);
    } catch {
      title = "A change";
    }
    names.requests[r.id] = { title, requester: r.requester.name, requesterId: r.requesterId };
  }
  return names;
}

async function* auditPages(f: AuditFilter, pageSize = 500) {
  const where = auditWhere(f);
  let before: bigint | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: before ? { AND: [where, { id: { lt: before } }] } : where,
      orderBy: { id: "desc" },
      take: pageSize,
    });
    if (rows.length)
      yield rows.map((e) => [
        e.id.toString(),
        e.at,
        e.actorLabel,
        e.actorId,
        e.action,
        e.targetType,
        e.targetId,
        e.requestId,
        e.awsRequestIds.join(" "),
        e.before,
        e.after,
        e.detail,
      ]);
    if (rows.length < pageSize) return;
    before = rows.at(-1)!.id;
  }
}

export function auditCsvResponse(f: AuditFilter): Response {
  return csvStream(
    `audit-${new Date().toISOString().slice(0, 10)}.csv`,
    ["Id", "At", "Actor", "Actor id", "Action", "Target type", "Target", "Request", "AWS request ids", "Before", "After", "Detail"],
    auditPages(f),
  );
}
