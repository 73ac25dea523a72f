import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffMs, HeldLease, LeaseLost } from "./queue";

// Retry delays: exponential in the attempt, capped, and jittered over the upper half of the window so
// a burst of failures does not come back as a burst of retries.

describe("backoffMs", () => {
  const at = (r: number) => () => r;

  it.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [6, 16_000, 32_000],
  ])("attempt %i waits between %i and %i ms", (attempt, low, high) => {
    expect(backoffMs(attempt, 1000, 5 * 60_000, at(0))).toBe(low);
    expect(backoffMs(attempt, 1000, 5 * 60_000, at(0.999_999))).toBe(high);
    for (let i = 0; i < 200; i += 1) {
      const ms = backoffMs(attempt);
      expect(ms).toBeGreaterThanOrEqual(low);
      expect(ms).toBeLessThanOrEqual(high);
    }
  });

  it("never exceeds the cap, however many attempts", () => {
    for (const attempt of [10, 20, 50, 1000]) {
      expect(backoffMs(attempt, 1000, 60_000, at(0.999_999))).toBeLessThanOrEqual(60_000);
      expect(backoffMs(attempt, 1000, 60_000, at(0))).toBe(30_000);
    }
  });

  it("treats attempt 0 (or less) like the first", () => {
    expect(backoffMs(0, 1000, 60_000, at(0))).toBe(500);
    expect(backoffMs(-3, 1000, 60_000, at(0))).toBe(500);
  });

  it("spreads retries out: many jobs failing together do not retry at the same moment", () => {
    const delays = Array.from({ length: 500 }, () => backoffMs(5));
    const distinct = new Set(delays.map((d) => Math.floor(d / 100)));
    // The window for attempt 5 is 8–16 s: 80 buckets of 100 ms; uniform jitter fills most of them.
    expect(distinct.size).toBeGreaterThan(50);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(11_000);
    expect(mean).toBeLessThan(13_000);
  });
});

// The worker's own view of a lease: renewed one call at a time, and lost for good as soon as a renewal
// fails or the lease runs out by the local clock, whatever the database would still say.
describe("HeldLease", () => {
  const LEASE = { jobId: "job-1", owner: "worker-a", token: 7 };
  const LEASE_MS = 3000;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A renewal that answers only when the test says so. */
  function pendingRenewals() {
    const calls: { sentAt: number; answer: (ok: boolean) => void; fail: (e: Error) => void }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const renew = () =>
      new Promise<boolean>((resolve, reject) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = () => (inFlight -= 1);
        calls.push({ sentAt: Date.now(), answer: (ok) => (done(), resolve(ok)), fail: (e) => (done(), reject(e)) });
      });
    return { calls, renew, maxInFlight: () => maxInFlight };
  }

  it("renews a third of the lease after the last renewal was sent, and never two at once", async () => {
    const r = pendingRenewals();
    const held = new HeldLease(LEASE, LEASE_MS, Date.now(), r.renew);
    held.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(r.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.calls).toHaveLength(1);
    // A slow renewal: nothing else is sent while it is out, however long it takes.
    await vi.advanceTimersByTimeAsync(1500);
    expect(r.calls).toHaveLength(1);
    r.calls[0]!.answer(true);
    await vi.advanceTimersByTimeAsync(0);
    // Already more than a third since it was sent: the next goes at once.
    expect(r.calls).toHaveLength(2);
    r.calls[1]!.answer(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(r.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.calls).toHaveLength(3);
    expect(r.maxInFlight()).toBe(1);
    expect(held.lost).toBe(false);
    held.stop();
  });

  it("extends the deadline from when a renewal was sent, not when it answered", async () => {
    const r = pendingRenewals();
    const held = new HeldLease(LEASE, LEASE_MS, Date.now(), r.renew);
    held.start();
    await vi.advanceTimersByTimeAsync(1000);
    const sentAt = r.calls[0]!.sentAt;
    await vi.advanceTimersByTimeAsync(900);
    r.calls[0]!.answer(true);
    // Keep the next renewal out, so only the first one's extension counts.
    await vi.advanceTimersByTimeAsync(sentAt + LEASE_MS - 1 - Date.now());
    expect(held.lost).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(held.lost).toBe(true);
    expect(() => held.check()).toThrow(LeaseLost);
  });

  it("a refused renewal loses the lease at once, for good", async () => {
    const r = pendingRenewals();
    const held = new HeldLease(LEASE, LEASE_MS, Date.now(), r.renew);
    held.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(held.lost).toBe(false);
    r.calls[0]!.answer(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(held.signal.aborted).toBe(true);
    expect(() => held.check()).toThrow(/no longer held by worker-a/);
    // No more renewals: a lost lease is not taken back.
    await vi.advanceTimersByTimeAsync(10 * LEASE_MS);
    expect(r.calls).toHaveLength(1);
  });

  it("a renewal that throws loses the lease too", async () => {
    const r = pendingRenewals();
    const held = new HeldLease(LEASE, LEASE_MS, Date.now(), r.renew);
    held.start();
    await vi.advanceTimersByTimeAsync(1000);
    r.calls[0]!.fail(new Error("connection reset"));
    await vi.advanceTimersByTimeAsync(0);
    expect(() => held.check()).toThrow(/connection reset/);
    expect(held.signal.reason).toBeInstanceOf(LeaseLost);
  });

  it("runs out by the local clock while a renewal hangs, and aborts its signal without being asked", async () => {
    const r = pendingRenewals();
    const sentAt = Date.now();
    const held = new HeldLease(LEASE, LEASE_MS, sentAt, r.renew);
    held.start();
    await vi.advanceTimersByTimeAsync(LEASE_MS - 1);
    expect(held.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(held.signal.aborted).toBe(true);
    // The hung renewal succeeding afterwards does not revive it.
    r.calls[0]!.answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(held.lost).toBe(true);
  });

  it("counts from when the claim was sent: a claim that answered late has less lease left", async () => {
    const r = pendingRenewals();
    const held = new HeldLease(LEASE, LEASE_MS, Date.now() - LEASE_MS, r.renew);
    expect(held.lost).toBe(true);
    expect(() => held.check()).toThrow(LeaseLost);
  });

  it("stops renewing once the job is over", async () => {
    const r = pendingRenewals();
    const held = new HeldLease(LEASE, LEASE_MS, Date.now(), r.renew);
    held.start();
    held.stop();
    await vi.advanceTimersByTimeAsync(10 * LEASE_MS);
    expect(r.calls).toHaveLength(0);
  });
});
