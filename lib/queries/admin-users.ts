import "server-only";
import { db } from "../db";

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
}

export async function listUsers(): Promise<UserRow[]> {
  const users = await db().user.findMany({
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
      manager: { select: { name: true } },
      _count: { select: { workspaces: { where: { goneAt: null } } } },
    },
  });
  return users.map(({ manager, _count, ...u }) => ({ ...u, managerName: manager?.name ?? null, workspaces: _count.workspaces }));
}

export async function getUserDetail(id: string) {
  const user = await db().user.findUnique({
    where: { id },
    include: { manager: { select: { id: true, name: true } }, reports: { select: { id: true, name: true } } },
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
        status: true,
        workspaceId: true,
        createdAt: true,
        costDeltaCents: true,
        requester: { select: { name: true } },
      },
    }),
    db().user.findMany({ where: { id: { not: id } }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
  ]);
  return { user, workspaces, requests, people };
}
