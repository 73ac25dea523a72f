import { SandboxClock } from "./clock";
import { emptyRegion, seedWorld } from "./world/seed";
import type { TimerQueue } from "./world/timer-queue";
import { buildTimerQueue, runDueTimers } from "./world/timers";
import type { RegionWorld, WorldState } from "./world/types";

export interface EngineOptions {
  clockSpeed: number;
  seed: number;
  fleetSize: number;
  initial?: WorldState;
  realNow?: () => number;
}

// Owns the world and the sandbox clock; every request first brings the world up to "now".
export class SandboxEngine {
  state: WorldState;
  readonly clock: SandboxClock;
  // Per Region; rebuilt from the records after anything that may have scheduled a transition.
  private queues = new Map<string, TimerQueue>();

  constructor(private readonly opts: EngineOptions) {
    const realNow = opts.realNow ?? Date.now;
    this.state = opts.initial ?? seedWorld({ now: realNow(), seed: opts.seed, fleetSize: opts.fleetSize });
    this.clock = new SandboxClock(this.state.sandboxNow, opts.clockSpeed, realNow);
  }

  region(name: string): RegionWorld {
    let world = this.state.regions[name];
    if (!world) {
      // Any Region works, as on AWS: one the seed does not cover starts with only Amazon's bundles.
      world = emptyRegion(name, this.clock.now());
      this.state.regions[name] = world;
    }
    return world;
  }

  tick(): number {
    const now = this.clock.now();
    for (const world of Object.values(this.state.regions)) {
      let queue = this.queues.get(world.region);
      if (!queue) {
        queue = buildTimerQueue(world);
        this.queues.set(world.region, queue);
      }
      runDueTimers(world, now, queue);
    }
    this.state.sandboxNow = now;
    return now;
  }

  // Called after anything that may have scheduled a transition.
  invalidateTimers(region?: string): void {
    if (region) this.queues.delete(region);
    else this.queues.clear();
  }

  advance(minutes: number): void {
    this.clock.advance(minutes);
    this.tick();
  }

  reset(): void {
    this.state = seedWorld({ now: this.clock.now(), seed: this.opts.seed, fleetSize: this.opts.fleetSize });
    this.invalidateTimers();
  }

  countMutation(operation: string): void {
    this.state.mutatingCalls[operation] = (this.state.mutatingCalls[operation] ?? 0) + 1;
  }

  mutationCount(): number {
    return Object.values(this.state.mutatingCalls).reduce((a, b) => a + b, 0);
  }
}

export interface OpContext {
  world: RegionWorld;
  now: number;
  engine: SandboxEngine;
  requestId: string;
}

export type Handler = (ctx: OpContext, input: Record<string, unknown>) => object;
