import "server-only";
import { accountNames } from "../core/accounts";
import { getConfig } from "../config";
import { parseStoredChange } from "../core/stored-change";
import { db } from "../db";
import { describeChange } from "../presentation/describe";
import { bundleNameLabel, workspaceDisplayName } from "../presentation/labels";
import { catalogFor } from "./catalog";

/** "group Portal-Admins in Corp SSO · last sign-in 2026-11-30 09:12 UTC"; null when an admin sets the role. */
export function roleSourceText(u: {
  role: string;
  roleSource: string | null;
  roleSourceGroup: string | null;
  lastSignInAt: Date | null;
}): string | null {
  if (!u.roleSource) return null;
  const { oidc, ldap } = getConfig().auth;
  const method =
    u.roleSource === "oidc" ? (oidc?.name ?? "OIDC") : u.roleSource === "ldap" ? (ldap?.name ?? "Active Directory") : u.roleSource;
  const why = u.roleSourceGroup ? `group ${u.roleSourceGroup}` : u.role === "MANAGER" ? "manages people" : "in no portal group";
  const when = u.lastSignInAt ? `last sign-in ${u.lastSignInAt.toISOString().replace("T", " ").slice(0, 16)} UTC` : "not signed in yet";
  return `${why} in ${method} · ${when}`;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: "EMPLOYEE" | "MANAGER" | "ADMIN";
  persona: "EMPLOYEE" | "CONTRACTOR";
  groups: string[];
  directoryUserName: string | null;
  department: string | null;
  managerId: string | null;
  managerName: string | null;
  workspaces: number;
  /** Where the role comes from when an identity provider decides it (then it cannot be changed here). */
  roleSource: string | null;
}

export async function listUsers(): Promise<UserRow[]> {
  const users = await db().user.findMany({
    // Service accounts are API callers, not people (their tokens are on /admin/api-tokens).
    where: { serviceAccount: false },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      persona: true,
      groups: true,
      directoryUserName: true,
      department: true,
      managerId: true,
      roleSource: true,
      roleSourceGroup: true,
      lastSignInAt: true,
      manager: { select: { name: true } },
      _count: { select: { workspaces: { where: { goneAt: null } } } },
    },
  });
  return users.map(({ manager, _count, roleSource, roleSourceGroup, lastSignInAt, ...u }) => ({
    ...u,
    managerName: manager?.name ?? null,
    workspaces: _count.workspaces,
    roleSource: roleSourceText({ role: u.role, roleSource, roleSourceGroup, lastSignInAt }),
  }));
}

export async function getUserDetail(id: string) {
  const user = await db().user.findUnique({
    where: { id },
    include: {
      manager: { select: { id: true, name: true } },
      reports: { select: { id: true, name: true } },
      directoryIdentities: { select: { directoryId: true, userName: true, source: true }, orderBy: { directoryId: "asc" } },
    },
  });
  if (!user) return null;
  const [workspaces, requests, people] = await Promise.all([
    db().workspace.findMany({
      where: { ownerId: id },
      orderBy: [{ goneAt: { sort: "desc", nulls: "first" } }, { id: "asc" }],
      select: {
        id: true,
        region: true,
        directoryId: true,
        state: true,
        bundleId: true,
        computeType: true,
        runningMode: true,
        autoStopTimeoutMinutes: true,
        computerName: true,
        operatingSystem: true,
        goneAt: true,
      },
    }),
    db().request.findMany({
      where: { OR: [{ requesterId: id }, { beneficiaryId: id }] },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        type: true,
        change: true,
        region: true,
        status: true,
        workspaceId: true,
        createdAt: true,
        costDeltaCents: true,
        requester: { select: { name: true } },
      },
    }),
    db().user.findMany({
      where: { id: { not: id }, serviceAccount: false },
      orderBy: { name: "asc" },
      select: { id: true, name: true, role: true },
    }),
  ]);
  // Names, not ids: the WorkSpaces by computer name, bundles and directories by the catalog's names.
  const catalog = await catalogFor(
    [...workspaces.map((w) => w.region), ...requests.map((r) => r.region), ...getConfig().aws.regions],
    (await accountNames(db())).keys(),
  );
  const bundleName = (id: string) => {
    const name = catalog.bundle(id)?.name;
    return name ? bundleNameLabel(name) : undefined;
  };
  const named = workspaces.map((w) => ({
    ...w,
    name: workspaceDisplayName({ ...w, bundleName: bundleName(w.bundleId) }),
    bundleName: bundleName(w.bundleId) ?? null,
    directoryName: catalog.directory(w.directoryId)?.name ?? null,
  }));
  const requestWorkspaces = await db().workspace.findMany({
    where: { id: { in: requests.flatMap((r) => (r.workspaceId ? [r.workspaceId] : [])) } },
    select: { id: true, computerName: true, computeType: true, operatingSystem: true, bundleId: true },
  });
  const workspaceName = (id: string) => {
    const w = requestWorkspaces.find((x) => x.id === id);
    return w ? workspaceDisplayName({ ...w, bundleName: bundleName(w.bundleId) }) : undefined;
  };
  const described = requests.map(({ change, ...r }) => {
    let title: string;
    try {
      title = describeChange(parseStoredChange(change), bundleName, workspaceName);
    } catch {
      title = "A change";
    }
    return { ...r, title };
  });
  const directoryName = (id: string) => catalog.directory(id)?.name ?? null;
  return { user, workspaces: named, requests: described, people, directoryName };
}
