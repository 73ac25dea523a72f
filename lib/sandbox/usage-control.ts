import { z } from "zod";
import { DAY, HOUR } from "./clock";
import type { SandboxEngine } from "./engine";
import { scheduleAutoStart, settleAvailable } from "./world/timers";
import type { RegionWorld, WorkspaceRecord } from "./world/types";
import { USAGE_PROFILES, usageFrom } from "./world/usage";

export const profileInputSchema = z.object({
  workspaceId: z.string().min(1),
  profile: z.enum(USAGE_PROFILES),
  region: z.string().min(1).optional(),
});

export const replayInputSchema = z.object({
  days: z.number().int().min(1).max(455),
  region: z.string().min(1).optional(),
});

// After usage changes, an idle AutoStop WorkSpace's pending stop or start follows the new sessions.
function reschedule(world: RegionWorld, ws: WorkspaceRecord, now: number): void {
  if (ws.RunningMode !== "AUTO_STOP") return;
  if (ws.State === "AVAILABLE" && (ws.timer === undefined || ws.timer.action === "autoStop")) {
    settleAvailable(ws, now, world.region);
  } else if (ws.State === "STOPPED" && (ws.timer === undefined || ws.timer.action === "autoStart")) {
    ws.timer = undefined;
    scheduleAutoStart(ws, now, world.region, true);
  }
}

function regionsOf(engine: SandboxEngine, region: string | undefined): RegionWorld[] {
  return region ? [engine.region(region)] : Object.values(engine.state.regions);
}

export function setUsageProfile(
  engine: SandboxEngine,
  input: z.infer<typeof profileInputSchema>,
): { ok: true; region: string } | { ok: false; error: string } {
  const now = engine.tick();
  for (const world of regionsOf(engine, input.region)) {
    const ws = world.workspaces[input.workspaceId];
    if (!ws) continue;
    ws.usageProfile = input.profile;
    reschedule(world, ws, now);
    engine.invalidateTimers(world.region);
    return { ok: true, region: world.region };
  }
  return { ok: false, error: `no WorkSpace ${input.workspaceId}` };
}

// Back-dates every WorkSpace's usage start to `days` ago, at the start of that hour (never forward), so its profile's history
// covers that period even if the portal created it today; CloudWatch then has data for all of it.
export function replayUsage(engine: SandboxEngine, input: z.infer<typeof replayInputSchema>): { from: string; workspaces: number } {
  const now = engine.tick();
  // Whole hours, so an hourly read of the last N days finds every hour filled.
  const from = Math.floor((now - input.days * DAY) / HOUR) * HOUR;
  let count = 0;
  for (const world of regionsOf(engine, input.region)) {
    for (const id of world.order) {
      const ws = world.workspaces[id]!;
      if (usageFrom(ws) > from) ws.usageFrom = from;
      reschedule(world, ws, now);
      count++;
    }
    engine.invalidateTimers(world.region);
  }
  return { from: new Date(from).toISOString(), workspaces: count };
}
