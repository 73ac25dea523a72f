import { HOUR, MINUTE } from "../clock";
import { publicBundleName } from "./catalog";
import { idFromRand, pick, prng } from "./ids";
import { addWorkspace, LONG_OPERATION_MINUTES, PROVISION_MINUTES, REBOOT_MINUTES, setTimer, START_STOP_MINUTES } from "./records";
import { scheduleAutoStart } from "./timers";
import type { DirectoryRecord, RegionWorld, WorkspaceRecord } from "./types";

export interface FleetOptions {
  size: number;
  seed: number;
  now: number;
  directories: [DirectoryRecord, DirectoryRecord, DirectoryRecord];
  hoursOffset: number;
}

// Weighted state mix of a real fleet: mostly AVAILABLE/STOPPED, a few in every transitional state.
const STATE_WEIGHTS: [string, number][] = [
  ["AVAILABLE", 56],
  ["STOPPED", 24],
  ["PENDING", 3],
  ["REBOOTING", 2],
  ["STARTING", 2],
  ["STOPPING", 2],
  ["UNHEALTHY", 2],
  ["IMPAIRED", 1],
  ["ERROR", 2],
  ["ADMIN_MAINTENANCE", 2],
  ["REBUILDING", 1],
  ["SUSPENDED", 1],
  ["TERMINATED", 2],
];
const TOTAL_WEIGHT = STATE_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickState(rand: () => number): string {
  let r = rand() * TOTAL_WEIGHT;
  for (const [state, weight] of STATE_WEIGHTS) {
    r -= weight;
    if (r < 0) return state;
  }
  return "AVAILABLE";
}

const WINDOWS_MIX = [
  "Value",
  "Standard",
  "Standard",
  "Standard",
  "Performance",
  "Performance",
  "Power",
  "PowerPro",
  "Graphics.g4dn",
  "GraphicsPro.g4dn",
];
const COST_CENTERS = ["CC-1001", "CC-1002", "CC-2001", "CC-3001", "CC-9000"];

// Same (seed, size) → same WorkSpaces, ids, users, states and tags, whatever else is in the Region.
export function generateFleet(world: RegionWorld, opts: FleetOptions): void {
  const rand = prng(opts.seed);
  const [employees, contractors, labs] = opts.directories;
  const nextUser = { emp: 0, ctr: 0, lab: 0 };
  for (let i = 0; i < opts.size; i++) {
    const slot = i % 20;
    const [dir, prefix] = slot < 15 ? [employees, "emp" as const] : slot < 19 ? [contractors, "ctr" as const] : [labs, "lab" as const];
    nextUser[prefix] += 1;
    const user = `${prefix}${String(nextUser[prefix]).padStart(5, "0")}`;
    const linux = rand() < 0.1;
    const label = linux ? pick(rand, ["Value", "Standard", "Performance"]) : pick(rand, WINDOWS_MIX);
    const protocol = rand() < 0.8 ? "WSP" : "PCOIP";
    const bundle = Object.values(world.bundles).find((b) => b.Name === publicBundleName(label, linux ? "LINUX" : "WINDOWS", protocol));
    if (!bundle) throw new Error(`fleet bundle ${label} missing`);
    let state = pickState(rand);
    const autoStop = rand() < 0.6;
    if ((state === "STOPPED" || state === "STARTING" || state === "STOPPING") && !autoStop) state = "AVAILABLE";
    const ageHours = state === "PENDING" ? rand() * 0.3 : 6 + rand() * 24 * 400;
    const ws = addWorkspace(world, {
      WorkspaceId: idFromRand("ws-", rand),
      DirectoryId: dir.DirectoryId,
      UserName: user,
      bundle,
      State: state,
      RunningMode: autoStop ? "AUTO_STOP" : "ALWAYS_ON",
      AutoStopTimeout: autoStop ? pick(rand, [60, 60, 120, 180]) : undefined,
      createdAt: opts.now - Math.round(ageHours * HOUR),
    });
    // Connection state comes from the usage profile (world/usage.ts); these draws keep the fleet the
    // same as before profiles existed.
    if (state === "AVAILABLE" && rand() < 0.4) rand();
    else if (state !== "PENDING") rand();
    if (state !== "PENDING") ws.usageFrom = ws.createdAt;
    if (state === "ERROR") {
      ws.ErrorCode = "InternalServerError";
      ws.ErrorMessage = "The WorkSpace could not be reached after a maintenance update.";
    }
    scheduleSeededTransition(ws, opts.now, rand, world.region);
    world.tags[ws.WorkspaceId] = [
      { Key: "CostCenter", Value: pick(rand, COST_CENTERS) },
      { Key: "Owner", Value: user },
    ];
  }
}

function scheduleSeededTransition(ws: WorkspaceRecord, now: number, rand: () => number, region: string): void {
  const soon = (minutes: number) => now + Math.round(rand() * minutes * MINUTE) + MINUTE;
  switch (ws.State) {
    case "PENDING":
      setTimer(ws, soon(PROVISION_MINUTES), "becomeAvailable");
      break;
    case "REBOOTING":
    case "STARTING":
      setTimer(ws, soon(ws.State === "REBOOTING" ? REBOOT_MINUTES : START_STOP_MINUTES), "becomeAvailable");
      break;
    case "REBUILDING":
      setTimer(ws, soon(LONG_OPERATION_MINUTES), "becomeAvailable");
      break;
    case "STOPPING":
      setTimer(ws, soon(START_STOP_MINUTES), "becomeStopped");
      break;
    case "TERMINATED":
      setTimer(ws, soon(60), "purgeTerminated");
      break;
    case "AVAILABLE":
      // Fires when due and stops it unless its user is (or was recently) connected.
      if (ws.RunningMode === "AUTO_STOP") setTimer(ws, soon(ws.AutoStopTimeout ?? 60), "autoStop");
      break;
    case "STOPPED":
      scheduleAutoStart(ws, now, region);
      break;
    default:
      break;
  }
}
