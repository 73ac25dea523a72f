import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { awaitingDecision, type Change } from "../domain";
import { eligibleApprovers } from "../core/approvers";
import { parseStoredChange } from "../core/stored-change";
import { bundlesIn } from "./catalog";

/** One open request as the WorkSpace page's banner tells of it. */
export interface PendingRequest {
  id: string;
  status: string;
  change: Change;
  /** "Bob", "Bob or Dan", "Bob or an IT administrator", "an IT administrator"; null once it is approved. */
  waitingFor: string | null;
  /** The viewer asked for it and it still waits for approval, so they may withdraw it. */
  mayCancel: boolean;
  /** The catalog's name for a bundle the change names (a migration's target). */
  bundleName: string | null;
}

function joinOr(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/** The WorkSpace's open requests, newest first, each with who it waits for. */
export async function pendingRequestsFor(
  user: CurrentUser,
  ws: { region: string; openRequests: { id: string }[] },
): Promise<PendingRequest[]> {
  if (ws.openRequests.length === 0) return [];
  const now = new Date();
  const [rows, bundles] = await Promise.all([
    db().request.findMany({
      where: { id: { in: ws.openRequests.map((r) => r.id) } },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, change: true, requesterId: true, approvalSteps: true, currentStep: true, escalatedAt: true },
    }),
    bundlesIn(ws.region).catch(() => []),
  ]);
  return Promise.all(
    rows.map(async (row) => {
      const change = parseStoredChange(row.change);
      let waitingFor: string | null = null;
      if (row.status === "PENDING_APPROVAL") {
        const approvers = await eligibleApprovers(db(), row, now);
        const people = await db().user.findMany({
          where: { id: { in: approvers.map((a) => a.userId) } },
          select: { id: true, name: true, role: true },
        });
        const step = awaitingDecision(row).step;
        // Every admin may decide an admin step (or an escalated one): they are named as a group, not one by one.
        const adminsDecide = step?.role === "ADMIN" || row.escalatedAt !== null;
        const named = approvers
          .map((a) => people.find((p) => p.id === a.userId))
          .filter((p): p is NonNullable<typeof p> => Boolean(p) && !(adminsDecide && p!.role === "ADMIN"))
          .map((p) => p.name.split(" ")[0] ?? p.name);
        waitingFor = joinOr([...new Set(named), ...(adminsDecide ? ["an IT administrator"] : [])]) || "approval";
      }
      const target = change.type === "migrate" ? bundles.find((b) => b.id === change.targetBundleId) : undefined;
      return {
        id: row.id,
        status: row.status,
        change,
        waitingFor,
        mayCancel: row.status === "PENDING_APPROVAL" && row.requesterId === user.id,
        bundleName: target?.name ?? null,
      };
    }),
  );
}
