import { DAY, MINUTE } from "../clock";
import { assignNetworkIdentity, removeWorkspace, setTimer, START_STOP_MINUTES, TERMINATED_VISIBLE } from "./records";
import { settleImages } from "./images";
import { TimerQueue } from "./timer-queue";
import type { RegionWorld, WorkspaceRecord } from "./types";
import { autoStopDue, nextSessionStart, sessionAt, usageSubject } from "./usage";

// After a WorkSpace settles in AVAILABLE, an AutoStop one stops once it has been idle for its timeout
// (after the current session, if its user is connected).
export function settleAvailable(ws: WorkspaceRecord, at: number, region: string): void {
  ws.State = "AVAILABLE";
  if (ws.RunningMode === "AUTO_STOP") setTimer(ws, autoStopDue(ws, region, at, at + (ws.AutoStopTimeout ?? 60) * MINUTE), "autoStop");
  else ws.timer = undefined;
}

// A stopped AutoStop WorkSpace starts when its user next connects after `from` (at `from` itself when
// `includeCurrent` and a session is under way then).
export function scheduleAutoStart(ws: WorkspaceRecord, from: number, region: string, includeCurrent = false): void {
  if (ws.RunningMode !== "AUTO_STOP") return;
  const subject = usageSubject(ws, region);
  const next = includeCurrent && sessionAt(subject, from) ? from : nextSessionStart(subject, from);
  if (next !== undefined) setTimer(ws, next, "autoStart");
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
      settleAvailable(ws, at, world.region);
      if (ws.migratedFrom) return finishMigrationSource(world, ws.migratedFrom, at);
      break;
    case "becomeStopped":
      ws.State = "STOPPED";
      // Someone stopped it on purpose: its user does not connect again before the next day.
      scheduleAutoStart(ws, ws.stoppedByRequest ? at + DAY : at, world.region);
      ws.stoppedByRequest = undefined;
      break;
    case "becomeTerminated":
      ws.State = "TERMINATED";
      setTimer(ws, at + TERMINATED_VISIBLE, "purgeTerminated");
      break;
    case "purgeTerminated":
      removeWorkspace(world, ws.WorkspaceId);
      break;
    case "autoStop": {
      if (ws.State !== "AVAILABLE" || ws.RunningMode !== "AUTO_STOP") break;
      const due = autoStopDue(ws, world.region, at, at);
      if (due > at) {
        setTimer(ws, due, "autoStop");
      } else {
        ws.State = "STOPPING";
        setTimer(ws, at + START_STOP_MINUTES * MINUTE, "becomeStopped");
      }
      break;
    }
    case "autoStart":
      if (ws.State === "STOPPED" && ws.RunningMode === "AUTO_STOP") {
        ws.State = "STARTING";
        setTimer(ws, at + START_STOP_MINUTES * MINUTE, "becomeAvailable");
      }
      break;
    case "finishModification": {
      const mod = ws.modification;
      ws.modification = undefined;
      if (mod?.Resource === "ROOT_VOLUME") ws.RootVolumeSizeGib = Number(mod.value);
      if (mod?.Resource === "USER_VOLUME") ws.UserVolumeSizeGib = Number(mod.value);
      if (mod?.Resource === "COMPUTE_TYPE") ws.ComputeTypeName = String(mod.value);
      if (mod?.resumeState === "STOPPED") {
        ws.State = "STOPPED";
        scheduleAutoStart(ws, at, world.region);
      } else settleAvailable(ws, at, world.region);
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
  settleImages(world, now);
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
