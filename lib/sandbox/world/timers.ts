import { MINUTE } from "../clock";
import { assignNetworkIdentity, removeWorkspace, setTimer, START_STOP_MINUTES, TERMINATED_VISIBLE } from "./records";
import { TimerQueue } from "./timer-queue";
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

export function buildTimerQueue(world: RegionWorld): TimerQueue {
  const queue = new TimerQueue();
  for (const id of world.order) {
    const at = world.workspaces[id]?.timer?.at;
    if (at !== undefined) queue.push(at, id);
  }
  return queue;
}

// Runs every due transition in time order; a transition may schedule the next one, which fires in
// the same pass when the clock has already passed it (e.g. after advancing the clock by hours).
// Returns when the next transition is due.
export function runDueTimers(world: RegionWorld, now: number, queue: TimerQueue): number {
  for (let entry = queue.peek(); entry && entry.at <= now; entry = queue.peek()) {
    queue.pop();
    const ws = world.workspaces[entry.id];
    if (!ws?.timer || ws.timer.at !== entry.at) continue;
    const other = fire(world, ws, entry.at);
    for (const touched of [ws, other]) {
      if (touched?.timer && world.workspaces[touched.WorkspaceId]) queue.push(touched.timer.at, touched.WorkspaceId);
    }
  }
  return queue.peek()?.at ?? Infinity;
}
