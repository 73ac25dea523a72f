import { MINUTE } from "../clock";
import { assignNetworkIdentity, removeWorkspace, setTimer, START_STOP_MINUTES, TERMINATED_VISIBLE } from "./records";
import type { RegionWorld, WorkspaceRecord } from "./types";

// After a WorkSpace settles in AVAILABLE, an AutoStop one with nobody connected stops after its timeout.
export function settleAvailable(ws: WorkspaceRecord, at: number): void {
  ws.State = "AVAILABLE";
  if (ws.RunningMode === "AUTO_STOP" && !ws.connected) setTimer(ws, at + (ws.AutoStopTimeout ?? 60) * MINUTE, "autoStop");
  else ws.timer = undefined;
}

// Returns another WorkSpace the transition touched (a migration's source), so its timer is seen too.
function fire(world: RegionWorld, ws: WorkspaceRecord, at: number): WorkspaceRecord | undefined {
  const action = ws.timer?.action;
  ws.timer = undefined;
  switch (action) {
    case "becomeAvailable":
      if (!ws.IpAddress) assignNetworkIdentity(world, ws);
      ws.ErrorCode = undefined;
      ws.ErrorMessage = undefined;
      settleAvailable(ws, at);
      if (ws.migratedFrom) return finishMigrationSource(world, ws.migratedFrom, at);
      break;
    case "becomeStopped":
      ws.State = "STOPPED";
      ws.connected = false;
      break;
    case "becomeTerminated":
      ws.State = "TERMINATED";
      ws.connected = false;
      setTimer(ws, at + TERMINATED_VISIBLE, "purgeTerminated");
      break;
    case "purgeTerminated":
      removeWorkspace(world, ws.WorkspaceId);
      break;
    case "autoStop":
      if (ws.State === "AVAILABLE" && ws.RunningMode === "AUTO_STOP" && !ws.connected) {
        ws.State = "STOPPING";
        setTimer(ws, at + START_STOP_MINUTES * MINUTE, "becomeStopped");
      }
      break;
    case "finishModification": {
      const mod = ws.modification;
      ws.modification = undefined;
      if (mod?.Resource === "ROOT_VOLUME") ws.RootVolumeSizeGib = Number(mod.value);
      if (mod?.Resource === "USER_VOLUME") ws.UserVolumeSizeGib = Number(mod.value);
      if (mod?.Resource === "COMPUTE_TYPE") ws.ComputeTypeName = String(mod.value);
      if (mod?.resumeState === "STOPPED") ws.State = "STOPPED";
      else settleAvailable(ws, at);
      break;
    }
    default:
      break;
  }
  return undefined;
}

function finishMigrationSource(world: RegionWorld, sourceId: string, at: number): WorkspaceRecord | undefined {
  const source = world.workspaces[sourceId];
  if (!source) return undefined;
  source.migratingTo = undefined;
  source.State = "TERMINATED";
  source.connected = false;
  setTimer(source, at + TERMINATED_VISIBLE, "purgeTerminated");
  return source;
}

// Runs every due transition in time order; a transition may schedule the next one, which fires in
// the same pass when the clock has already passed it (e.g. after advancing the clock by hours).
// One scan of the fleet per call; returns when the next transition is due.
export function runDueTimers(world: RegionWorld, now: number): number {
  let next = Infinity;
  let due: WorkspaceRecord[] = [];
  for (const id of world.order) {
    const ws = world.workspaces[id];
    if (!ws?.timer) continue;
    if (ws.timer.at <= now) due.push(ws);
    else if (ws.timer.at < next) next = ws.timer.at;
  }
  while (due.length > 0) {
    due.sort((a, b) => (a.timer?.at ?? 0) - (b.timer?.at ?? 0));
    const touched: WorkspaceRecord[] = [];
    for (const ws of due) {
      if (!ws.timer || ws.timer.at > now) continue;
      const other = fire(world, ws, ws.timer.at);
      touched.push(ws);
      if (other) touched.push(other);
    }
    due = [];
    for (const ws of new Set(touched)) {
      if (!ws.timer || !world.workspaces[ws.WorkspaceId]) continue;
      if (ws.timer.at <= now) due.push(ws);
      else if (ws.timer.at < next) next = ws.timer.at;
    }
  }
  return next;
}
