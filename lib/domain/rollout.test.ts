import { describe, expect, it } from "vitest";
import {
  afterWave,
  canRetryFailures,
  continueStartsAt,
  planWaves,
  rolloutItemOverdue,
  rolloutLoss,
  waveFailedTooOften,
  type WaveCounts,
} from "./rollout";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `ws-${i}`);
const sizes = (waves: unknown[][]) => waves.map((w) => w.length);

describe("planWaves", () => {
  it.each([
    { n: 0, canary: 2, wave: 25, expected: [] },
    { n: 1, canary: 2, wave: 25, expected: [1] },
    { n: 2, canary: 2, wave: 25, expected: [2] },
    { n: 3, canary: 2, wave: 25, expected: [2, 1] },
    { n: 27, canary: 2, wave: 25, expected: [2, 25] },
    { n: 28, canary: 2, wave: 25, expected: [2, 25, 1] },
    { n: 500, canary: 5, wave: 25, expected: [5, ...Array(19).fill(25), 20] },
    { n: 10, canary: 1, wave: 3, expected: [1, 3, 3, 3] },
    // A wave is never larger than 25, whatever is asked.
    { n: 60, canary: 40, wave: 100, expected: [25, 25, 10] },
  ])("$n WorkSpaces, canary $canary, waves of $wave: $expected", ({ n, canary, wave, expected }) => {
    const waves = planWaves(ids(n), canary, wave);
    expect(sizes(waves)).toEqual(expected);
    expect(waves.flat()).toEqual(ids(n));
  });

  it("refuses a canary of none", () => {
    expect(() => planWaves(ids(3), 0)).toThrow(RangeError);
  });
});

describe("waveFailedTooOften: more than the threshold stops", () => {
  it.each([
    { total: 5, failed: 1, threshold: 20, stop: false },
    { total: 5, failed: 2, threshold: 20, stop: true },
    { total: 25, failed: 5, threshold: 20, stop: false },
    { total: 25, failed: 6, threshold: 20, stop: true },
    { total: 2, failed: 1, threshold: 50, stop: false },
    { total: 2, failed: 1, threshold: 0, stop: true },
    { total: 1, failed: 1, threshold: 100, stop: false },
    { total: 0, failed: 0, threshold: 0, stop: false },
  ])("$failed of $total at $threshold% → stop $stop", ({ total, failed, threshold, stop }) => {
    expect(waveFailedTooOften({ total, failed }, threshold)).toBe(stop);
  });
});

describe("afterWave", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const counts = (c: Partial<WaveCounts>): WaveCounts => ({ total: 5, pending: 0, inProgress: 0, done: 5, failed: 0, ...c });
  const base = { waveCount: 4, thresholdPercent: 20, pauseMinutes: 15, now };

  it.each([
    { name: "items still in flight wait", wave: 1, c: counts({ inProgress: 1, done: 4 }), kind: "wait" },
    { name: "items still pending wait", wave: 1, c: counts({ pending: 2, done: 3 }), kind: "wait" },
    { name: "the canary waits for Continue", wave: 0, c: counts({}), kind: "await-continue" },
    {
      name: "a canary with one failure in five still waits for Continue",
      wave: 0,
      c: counts({ failed: 1, done: 4 }),
      kind: "await-continue",
    },
    { name: "too many failures stop", wave: 0, c: counts({ failed: 2, done: 3 }), kind: "stop" },
    { name: "a middle wave starts the next after the pause", wave: 1, c: counts({}), kind: "next" },
    { name: "the last wave finishes", wave: 3, c: counts({}), kind: "finish" },
    { name: "the last wave can still stop", wave: 3, c: counts({ failed: 3, done: 2 }), kind: "stop" },
  ])("$name", ({ wave, c, kind }) => {
    expect(afterWave({ ...base, wave, counts: c }).kind).toBe(kind);
  });

  it("schedules the next wave after the pause", () => {
    expect(afterWave({ ...base, wave: 1, counts: counts({}) })).toEqual({
      kind: "next",
      nextWave: 2,
      startsAt: new Date("2026-11-30T12:15:00Z"),
    });
  });

  it("says in plain words why it stopped", () => {
    const verdict = afterWave({ ...base, wave: 2, counts: counts({ failed: 2, done: 3 }) });
    expect(verdict).toMatchObject({ kind: "stop", reason: expect.stringContaining("2 of 5 WorkSpaces in wave 2 failed") });
  });

  it("a rollout of one wave finishes after the canary", () => {
    expect(afterWave({ ...base, waveCount: 1, wave: 0, counts: counts({}) }).kind).toBe("finish");
  });
});

describe("continueStartsAt", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it.each([
    { name: "right away once the pause is over", finished: "2026-11-30T11:00:00Z", expected: "2026-11-30T12:00:00Z" },
    { name: "at the pause's end when Continue comes early", finished: "2026-11-30T11:50:00Z", expected: "2026-11-30T12:05:00Z" },
  ])("$name", ({ finished, expected }) => {
    expect(continueStartsAt(new Date(finished), 15, now)).toEqual(new Date(expected));
  });
});

describe("canRetryFailures", () => {
  it.each([
    { status: "RUNNING", failed: 1, inProgress: 0, ok: false },
    { status: "STOPPED", failed: 1, inProgress: 0, ok: true },
    { status: "STOPPED", failed: 1, inProgress: 2, ok: false },
    { status: "FINISHED", failed: 0, inProgress: 0, ok: false },
    { status: "WAITING_FOR_CONTINUE", failed: 1, inProgress: 0, ok: true },
  ] as const)("$status with $failed failed and $inProgress in flight → $ok", ({ status, failed, inProgress, ok }) => {
    expect(canRetryFailures(status, { failed, inProgress })).toBe(ok);
  });
});

describe("rolloutLoss", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it.each([
    { method: "rebuild", snapshot: "2026-11-30T06:00:00Z", warn: false, says: /drive C/ },
    { method: "rebuild", snapshot: "2026-11-29T12:00:00Z", warn: true, says: /24 hours ago/ },
    { method: "rebuild", snapshot: null, warn: true, says: /No snapshot/ },
    { method: "migrate", snapshot: null, warn: true, says: /refuses to migrate/ },
    { method: "migrate", snapshot: "2026-11-30T06:00:00Z", warn: false, says: /new ID/ },
  ] as const)("$method with snapshot $snapshot", ({ method, snapshot, warn, says }) => {
    const loss = rolloutLoss(method, snapshot ? new Date(snapshot) : null, now);
    expect(loss.warn).toBe(warn);
    expect(`${loss.sentence} ${loss.userVolume}`).toMatch(says);
  });
});

describe("rolloutItemOverdue: a WorkSpace under way fails after the reconcile timeout", () => {
  const calledAt = new Date("2026-11-30T10:00:00Z");
  const at = (minutes: number) => new Date(calledAt.getTime() + minutes * 60_000);
  it.each([
    { what: "just called", calledAt, now: at(0), timeout: 120, overdue: null },
    { what: "within the limit", calledAt, now: at(119), timeout: 120, overdue: null },
    { what: "exactly at the limit", calledAt, now: at(120), timeout: 120, overdue: null },
    { what: "past the limit", calledAt, now: at(121), timeout: 120, overdue: "within 120 minutes; check it in the fleet" },
    { what: "a short limit", calledAt, now: at(2), timeout: 1, overdue: "within 1 minute;" },
    { what: "a limit under a minute", calledAt, now: at(1), timeout: 0.02, overdue: "within 1 minute;" },
    { what: "never called", calledAt: null, now: at(999), timeout: 120, overdue: null },
    { what: "no limit", calledAt, now: at(999), timeout: 0, overdue: null },
  ])("$what → $overdue", ({ calledAt, now, timeout, overdue }) => {
    const reason = rolloutItemOverdue({ calledAt, now, timeoutMinutes: timeout });
    if (overdue === null) expect(reason).toBeNull();
    else expect(reason).toContain(overdue);
  });
});
