import { DAY, MINUTE } from "../clock";
import type { Handler, OpContext } from "../engine";
import { invalidParameter } from "../protocol/errors";
import { firstAfterSeq, SNAPSHOT_INTERVAL } from "../world/records";
import { presentWorkspace, seconds } from "../world/present";
import type { WorkspaceRecord } from "../world/types";
import { lastSessionEnd, RUNNING_STATES, sessionAt, usageSubject } from "../world/usage";
import { decodeToken, encodeToken, pageByOffset } from "./pagination";
import { requireWorkspace } from "./rules";

interface DescribeInput {
  WorkspaceIds?: string[];
  DirectoryId?: string;
  UserName?: string;
  BundleId?: string;
  Limit?: number;
  NextToken?: string;
}

// Walks the seq-ordered fleet from the cursor, so a page costs O(page) when unfiltered.
function scan(ctx: OpContext, startSeq: number, limit: number, keep: (ws: WorkspaceRecord) => boolean) {
  const { world } = ctx;
  const out: WorkspaceRecord[] = [];
  let i = firstAfterSeq(world, startSeq);
  for (; i < world.order.length && out.length < limit; i++) {
    const ws = world.workspaces[world.order[i]!];
    if (ws && keep(ws)) out.push(ws);
  }
  let more = false;
  for (; i < world.order.length; i++) {
    const ws = world.workspaces[world.order[i]!];
    if (ws && keep(ws)) {
      more = true;
      break;
    }
  }
  const last = out[out.length - 1];
  return { out, next: more && last ? encodeToken({ s: last.seq }) : undefined };
}

const describeWorkspaces: Handler = (ctx, input) => {
  const req = input as DescribeInput;
  const filters = [req.WorkspaceIds, req.DirectoryId, req.BundleId].filter((f) => f !== undefined).length;
  if (filters > 1) throw invalidParameter("WorkspaceIds, DirectoryId and BundleId cannot be combined.");
  if (req.UserName !== undefined && req.DirectoryId === undefined)
    throw invalidParameter("UserName must be specified together with DirectoryId.");
  const limit = req.Limit ?? 25;
  let startSeq = 0;
  if (req.NextToken !== undefined) {
    const cursor = decodeToken(req.NextToken);
    if (typeof cursor.s !== "number") throw invalidParameter("The pagination token is invalid.");
    startSeq = cursor.s;
  }
  if (req.WorkspaceIds) {
    const found = req.WorkspaceIds.map((id) => ctx.world.workspaces[id]).filter(
      (ws): ws is WorkspaceRecord => ws !== undefined && ws.seq > startSeq,
    );
    found.sort((a, b) => a.seq - b.seq);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return { Workspaces: page.map(presentWorkspace), ...(found.length > limit && last ? { NextToken: encodeToken({ s: last.seq }) } : {}) };
  }
  const { out, next } = scan(
    ctx,
    startSeq,
    limit,
    (ws) =>
      (req.DirectoryId === undefined || ws.DirectoryId === req.DirectoryId) &&
      (req.UserName === undefined || ws.UserName.toLowerCase() === req.UserName.toLowerCase()) &&
      (req.BundleId === undefined || ws.BundleId === req.BundleId),
  );
  return { Workspaces: out.map(presentWorkspace), ...(next ? { NextToken: next } : {}) };
};

// Derived from the usage profile: CONNECTED during a session of a running WorkSpace; the last known
// connection is now while connected, else the end of the last session (absent if it was never used).
function connectionStatus(ctx: OpContext, ws: WorkspaceRecord) {
  const running = RUNNING_STATES.includes(ws.State);
  const subject = usageSubject(ws, ctx.world.region);
  const connected = running && sessionAt(subject, ctx.now) !== undefined;
  const lastEnd = connected ? ctx.now : lastSessionEnd(subject, ctx.now);
  return {
    WorkspaceId: ws.WorkspaceId,
    ConnectionState: running ? (connected ? "CONNECTED" : "DISCONNECTED") : "UNKNOWN",
    ConnectionStateCheckTimestamp: seconds(ctx.now - (ctx.now % (5 * MINUTE))),
    ...(lastEnd !== undefined ? { LastKnownUserConnectionTimestamp: seconds(lastEnd) } : {}),
  };
}

const describeWorkspacesConnectionStatus: Handler = (ctx, input) => {
  const req = input as { WorkspaceIds?: string[]; NextToken?: string };
  const all = req.WorkspaceIds
    ? req.WorkspaceIds.map((id) => ctx.world.workspaces[id]).filter((ws): ws is WorkspaceRecord => ws !== undefined)
    : ctx.world.order.map((id) => ctx.world.workspaces[id]).filter((ws): ws is WorkspaceRecord => ws !== undefined);
  const { page, next } = pageByOffset(all, 25, req.NextToken);
  return { WorkspacesConnectionStatus: page.map((ws) => connectionStatus(ctx, ws)), ...(next ? { NextToken: next } : {}) };
};

// Snapshots are taken every 12 hours after creation; the latest three are offered for restore.
export function snapshotTimes(ws: WorkspaceRecord, now: number): number[] {
  const age = now - ws.createdAt;
  if (age < SNAPSHOT_INTERVAL) return [];
  const count = Math.min(3, Math.floor(age / SNAPSHOT_INTERVAL));
  const latest = ws.createdAt + Math.floor(age / SNAPSHOT_INTERVAL) * SNAPSHOT_INTERVAL;
  return Array.from({ length: count }, (_, i) => latest - i * SNAPSHOT_INTERVAL);
}

const describeWorkspaceSnapshots: Handler = (ctx, input) => {
  const ws = requireWorkspace(ctx, String(input.WorkspaceId));
  const times = snapshotTimes(ws, ctx.now);
  return {
    RebuildSnapshots: times.slice(0, 1).map((t) => ({ SnapshotTime: seconds(t) })),
    RestoreSnapshots: times.map((t) => ({ SnapshotTime: seconds(t) })),
  };
};

export const describeOps: Record<string, Handler> = {
  DescribeWorkspaces: describeWorkspaces,
  DescribeWorkspacesConnectionStatus: describeWorkspacesConnectionStatus,
  DescribeWorkspaceSnapshots: describeWorkspaceSnapshots,
};

export const SIX_HOURS = DAY / 4;
