// Sandbox time runs `speed` times faster than real time and can be pushed forward by tests.
export class SandboxClock {
  private anchorReal: number;
  private anchorSandbox: number;

  constructor(
    startSandboxMs: number,
    readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorReal = realNow();
    this.anchorSandbox = startSandboxMs;
  }

  now(): number {
    return Math.floor(this.anchorSandbox + (this.realNow() - this.anchorReal) * this.speed);
  }

  advance(minutes: number): void {
    this.anchorSandbox += minutes * 60_000;
  }

  set(sandboxMs: number): void {
    this.anchorReal = this.realNow();
    this.anchorSandbox = sandboxMs;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
