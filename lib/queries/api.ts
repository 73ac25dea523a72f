import "server-only";
import type { CurrentUser } from "../auth/session";
import { requestResourceInclude, toApiRequest, toApiWorkspace, workspaceResourceSelect } from "../core/api-resources";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { ApiRequest, ApiWorkspace } from "../schemas/api";
import type { ApiAuditEvent, ApiAuditListQuery, ApiCatalog, ApiRequestListQuery, ApiWorkspaceListQuery } from "../schemas/api-queries";
import { approvalInbox } from "./approvals";
import { newWorkspaceOptions } from "./new-workspace";
import { getRequestForViewer } from "./requests";

// The REST API's reads. Who sees what: a token acting as its own service account reads the whole
// organisation within its scopes (an admin granted them); a token acting for a person (X-On-Behalf-Of)
// sees what that person sees in the portal, through the same reads the pages use where one exists
// (getRequestForViewer, approvalInbox, newWorkspaceOptions). Each list reads `limit + 1` rows in keyset
// order after the cursor's row, so the extra row only says whether another page follows.

export type ApiViewer = { kind: "organisation" } | { kind: "person"; user: CurrentUser };

const isAdmin = (viewer: ApiViewer) => viewer.kind === "organisation" || viewer.user.role === "ADMIN";

// ---- WorkSpaces --------------------------------------------------------------------------------------

/** The WorkSpaces the portal shows: those AWS still reports (the pages' own rule: gone ones are history). */
function workspaceVisibility(viewer: ApiViewer): Prisma.WorkspaceWhereInput {
  return { goneAt: null, ...(isAdmin(viewer) ? {} : { ownerId: (viewer as { user: CurrentUser }).user.id }) };
}

export async function listApiWorkspaces(
  viewer: ApiViewer,
  filter: ApiWorkspaceListQuery,
  afterId: string | null,
): Promise<(ApiWorkspace & { id: string })[]> {
  const [tagKey, ...tagValue] = filter.tag?.split("=") ?? [];
  const where: Prisma.WorkspaceWhereInput = {
    ...workspaceVisibility(viewer),
    ...(afterId ? { id: { gt: afterId } } : {}),
    ...(filter.owner ? { owner: { email: { equals: filter.owner, mode: "insensitive" } } } : {}),
    ...(filter.directoryId ? { directoryId: filter.directoryId } : {}),
    ...(filter.region ? { region: filter.region } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.bundleId ? { bundleId: filter.bundleId } : {}),
    ...(filter.runningMode ? { runningMode: filter.runningMode } : {}),
    ...(filter.tag ? { tags: { array_contains: [{ key: tagKey!, value: tagValue.join("=") }] } } : {}),
  };
  const rows = await db().workspace.findMany({ where, orderBy: { id: "asc" }, take: filter.limit + 1, select: workspaceResourceSelect });
  return rows.map(toApiWorkspace);
}

export async function getApiWorkspace(viewer: ApiViewer, id: string): Promise<ApiWorkspace | null> {
  const row = await db().workspace.findFirst({ where: { id, ...workspaceVisibility(viewer) }, select: workspaceResourceSelect });
  return row ? toApiWorkspace(row) : null;
}

// ---- Catalog -------------------------------------------------------------------------------------------

export type CatalogPersonLookup = { ok: true; person: CurrentUser } | { ok: false; reason: "not_found" | "not_allowed" };

/**
 * Whose catalog a call may read: the person named, when the viewer is the organisation or an admin (who
 * may request for anyone, as in the portal) or is that person; otherwise the viewer, or the fallback (the
 * token's service account).
 */
export async function catalogPerson(viewer: ApiViewer, email: string | undefined, fallbackUserId: string): Promise<CatalogPersonLookup> {
  const self = viewer.kind === "person" ? viewer.user : null;
  const where: Prisma.UserWhereInput = email ? { email: { equals: email, mode: "insensitive" } } : { id: self ? self.id : fallbackUserId };
  const person = await db().user.findFirst({ where, select: { id: true, email: true, name: true, role: true, serviceAccount: true } });
  if (!person || (email && person.serviceAccount)) return { ok: false, reason: "not_found" };
  if (self && self.role !== "ADMIN" && person.id !== self.id) return { ok: false, reason: "not_allowed" };
  return { ok: true, person: { id: person.id, email: person.email, name: person.name, role: person.role } };
}

/** The "Request a WorkSpace" form's own offer for the person, priced the same way. */
export async function apiCatalog(person: CurrentUser): Promise<ApiCatalog> {
  const options = await newWorkspaceOptions(person);
  return {
    person: { email: person.email, name: person.name },
    directories: options.directories,
    bundles: options.bundles.map(({ alwaysOn, autoStop, ...b }) => ({ ...b, monthlyPrice: { alwaysOn, autoStop } })),
  };
}

// ---- Requests ------------------------------------------------------------------------------------------

/**
 * A person's requests: theirs (as requester or beneficiary), those they decided, and those waiting for
 * their decision now (the approval inbox's rule, delegations included); an admin sees all, as in the portal.
 */
async function requestVisibility(viewer: ApiViewer, now: Date): Promise<Prisma.RequestWhereInput> {
  if (isAdmin(viewer)) return {};
  const user = (viewer as { user: CurrentUser }).user;
  const waiting = user.role === "EMPLOYEE" ? [] : (await approvalInbox(user, now)).map((r) => r.id);
  return {
    OR: [
      { requesterId: user.id },
      { beneficiaryId: user.id },
      { decisions: { some: { approverId: user.id } } },
      ...(waiting.length ? [{ id: { in: waiting } }] : []),
    ],
  };
}

export async function listApiRequests(
  viewer: ApiViewer,
  filter: ApiRequestListQuery,
  after: { createdAt: Date; id: string } | null,
  now = new Date(),
): Promise<ApiRequest[]> {
  const where: Prisma.RequestWhereInput = {
    AND: [
      await requestVisibility(viewer, now),
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
      filter.status ? { status: filter.status } : {},
      filter.type ? { type: filter.type } : {},
      filter.workspaceId ? { workspaceId: filter.workspaceId } : {},
      filter.requester ? { requester: { email: { equals: filter.requester, mode: "insensitive" } } } : {},
    ],
  };
  const rows = await db().request.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    include: requestResourceInclude,
  });
  return rows.map(toApiRequest);
}

/** The request with its timeline, if the viewer may see it (for a person: the request page's own rule). */
export async function getApiRequest(viewer: ApiViewer, id: string): Promise<ApiRequest | null> {
  if (viewer.kind === "person" && !(await getRequestForViewer(viewer.user, id))) return null;
  const row = await db().request.findUnique({ where: { id }, include: requestResourceInclude });
  if (!row) return null;
  const events = await db().auditEvent.findMany({
    where: { requestId: id },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true, action: true, actorLabel: true, detail: true },
  });
  return {
    ...toApiRequest(row),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actor: e.actorLabel,
      ...(e.detail === null ? {} : { detail: e.detail }),
    })),
  };
}

// ---- Audit events --------------------------------------------------------------------------------------

function dayBound(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    return end ? new Date(start.getTime() + 86_400_000) : start;
  }
  return new Date(value);
}

export async function listApiAuditEvents(filter: ApiAuditListQuery, beforeId: bigint | null): Promise<ApiAuditEvent[]> {
  const where: Prisma.AuditEventWhereInput = {
    ...(beforeId !== null ? { id: { lt: beforeId } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.targetType ? { targetType: filter.targetType } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.requestId ? { requestId: filter.requestId } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: dayBound(filter.from, false) } : {}), ...(filter.to ? { lt: dayBound(filter.to, true) } : {}) } }
      : {}),
  };
  const rows = await db().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  return rows.map((e) => ({
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actor: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    requestId: e.requestId,
    ...(e.before === null ? {} : { before: e.before }),
    ...(e.after === null ? {} : { after: e.after }),
    awsRequestIds: e.awsRequestIds,
    ...(e.detail === null ? {} : { detail: e.detail }),
  }));
}
