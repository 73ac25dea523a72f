import { SandboxClock } from "./clock";
import { PRIMARY_ACCOUNT_ID, SECOND_ACCOUNT_ID, SECOND_ACCOUNT_REGIONS, seedSecondAccountRegion } from "./world/accounts";
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

function queueKey(region: string, accountId: string = PRIMARY_ACCOUNT_ID): string {
  return `${accountId}/${region}`;
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

  /** A Region of the first account, or of another account (accounts.ts) when its id is given. */
  region(name: string, accountId?: string): RegionWorld {
    if (accountId && accountId !== PRIMARY_ACCOUNT_ID) return this.otherAccountRegion(accountId, name);
    let world = this.state.regions[name];
    if (!world) {
      // Any Region works, as on AWS: one the seed does not cover starts with only Amazon's bundles.
      world = emptyRegion(name, this.clock.now());
      this.state.regions[name] = world;
    }
    return world;
  }

  private otherAccountRegion(accountId: string, name: string): RegionWorld {
    const accounts = (this.state.accounts ??= {});
    const regions = (accounts[accountId] ??= {});
    let world = regions[name];
    if (!world) {
      world = emptyRegion(name, this.clock.now(), accountId);
      if (accountId === SECOND_ACCOUNT_ID && (SECOND_ACCOUNT_REGIONS as readonly string[]).includes(name))
        seedSecondAccountRegion(world, this.clock.now());
      regions[name] = world;
    }
    return world;
  }

  /** Every Region world of every account the sandbox has seen. */
  worlds(): RegionWorld[] {
    return [...Object.values(this.state.regions), ...Object.values(this.state.accounts ?? {}).flatMap((r) => Object.values(r))];
  }

  tick(): number {
    const now = this.clock.now();
    for (const world of this.worlds()) {
      const key = queueKey(world.region, world.accountId);
      let queue = this.queues.get(key);
      if (!queue) {
        queue = buildTimerQueue(world);
        this.queues.set(key, queue);
      }
      runDueTimers(world, now, queue);
    }
    this.state.sandboxNow = now;
    return now;
  }

  // Called after anything that may have scheduled a transition.
  invalidateTimers(region?: string, accountId?: string): void {
    if (region) this.queues.delete(queueKey(region, accountId));
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
