import { MINUTE } from "../clock";
import type { UsageProfile, WorkspaceRecord } from "./types";

// Simulated usage. Every WorkSpace has a usage profile (its own, set through the control API, or one
// picked from a hash of its id), and its sessions are a pure function of (profile, id, local day), so
// any past range can be computed on demand and nothing is stored per hour. Sessions start and end on
// 5-minute boundaries, the resolution at which the metrics are sampled, so the live connection status
// and the metrics always agree.

export const USAGE_PROFILES = ["office", "part-time", "heavy", "rare", "never"] as const satisfies readonly UsageProfile[];
export type { UsageProfile };

export const SAMPLE_MINUTES = 5;
const DAY_MINUTES = 24 * 60;

// Share of each profile among WorkSpaces without a profile of their own (out of 100).
const PROFILE_WEIGHTS: [UsageProfile, number][] = [
  ["office", 40],
  ["part-time", 20],
  ["heavy", 10],
  ["rare", 15],
  ["never", 15],
];

// FNV-1a over the id: a stable 32-bit seed per WorkSpace.
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// murmur3's finaliser over a seed and a number: a cheap, well-spread deterministic "random" value.
export function mix(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n | 0, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function unit(h: number): number {
  return h / 4294967296;
}

export function profileOf(ws: WorkspaceRecord): UsageProfile {
  if (ws.usageProfile) return ws.usageProfile;
  let r = hashId(ws.WorkspaceId) % 100;
  for (const [profile, weight] of PROFILE_WEIGHTS) {
    r -= weight;
    if (r < 0) return profile;
  }
  return "office";
}

// Office hours follow the Region's day (no daylight saving; a sandbox approximation).
export function regionUtcOffsetMinutes(region: string): number {
  if (/^us-west|^ca-west/.test(region)) return -8 * 60;
  if (/^us-|^ca-/.test(region)) return -5 * 60;
  if (/^sa-/.test(region)) return -3 * 60;
  if (/^eu-central|^eu-north|^eu-south/.test(region)) return 60;
  if (/^ap-south/.test(region)) return 330;
  if (/^ap-northeast/.test(region)) return 9 * 60;
  if (/^ap-/.test(region)) return 8 * 60;
  return 0;
}

// Sessions may start from here: a portal-created WorkSpace's user first signs in the day after it is
// created; seeded WorkSpaces have been in use since they were created. The replay control call moves
// it back.
export function usageFrom(ws: WorkspaceRecord): number {
  return ws.usageFrom ?? ws.createdAt;
}

// Metrics exist from whichever is earlier: creation or the (possibly back-dated) usage start.
export function metricsFrom(ws: WorkspaceRecord): number {
  return Math.min(ws.createdAt, usageFrom(ws));
}

const step = (minutes: number) => Math.round(minutes / SAMPLE_MINUTES) * SAMPLE_MINUTES;

// Sessions of one local day as [start, end) pairs in local minutes of that day, within [0, 1440].
function localSessions(profile: UsageProfile, seed: number, day: number): number[] {
  const r = (k: number) => unit(mix(seed, day * 16 + k));
  const dow = (((day + 4) % 7) + 7) % 7; // 0 = Sunday; day 0 (1970-01-01) was a Thursday
  const weekday = dow >= 1 && dow <= 5;
  switch (profile) {
    case "office": {
      if (!weekday || r(0) < 0.07) return [];
      const start = step(8 * 60 + r(1) * 75);
      const lunch = step(12 * 60 + r(2) * 45);
      const back = lunch + step(30 + r(3) * 30);
      const end = step(16 * 60 + 30 + r(4) * 90);
      return [start, lunch, back, end];
    }
    case "part-time": {
      if (!weekday || r(0) < 0.4) return [];
      const start = step(9 * 60 + r(1) * 240);
      return [start, start + step(180 + r(2) * 120)];
    }
    case "heavy": {
      // Around the clock: sessions of 3–6 hours with short breaks, every day.
      const out: number[] = [];
      let t = step(r(1) * 30);
      for (let k = 2; t < DAY_MINUTES - SAMPLE_MINUTES; k += 2) {
        const end = Math.min(DAY_MINUTES, t + step(180 + r(k) * 180));
        out.push(t, end);
        t = end + step(10 + r(k + 1) * 30);
      }
      return out;
    }
    case "rare": {
      if (!weekday || r(0) >= 0.12) return [];
      const start = step(10 * 60 + r(1) * 360);
      return [start, start + step(30 + r(2) * 90)];
    }
    case "never":
      return [];
  }
}

export interface UsageSubject {
  ws: WorkspaceRecord;
  profile: UsageProfile;
  seed: number;
  offsetMinutes: number;
  from: number;
}

export function usageSubject(ws: WorkspaceRecord, region: string): UsageSubject {
  return { ws, profile: profileOf(ws), seed: hashId(ws.WorkspaceId), offsetMinutes: regionUtcOffsetMinutes(region), from: usageFrom(ws) };
}

// The local day a UTC instant (epoch minutes) falls on.
function localDay(subject: UsageSubject, epochMinutes: number): number {
  return Math.floor((epochMinutes + subject.offsetMinutes) / DAY_MINUTES);
}

// Sessions of one local day as [start, end) pairs in UTC epoch minutes, without those before usage began.
export function daySessions(subject: UsageSubject, day: number): number[] {
  const local = localSessions(subject.profile, subject.seed, day);
  const base = day * DAY_MINUTES - subject.offsetMinutes;
  const fromMinutes = subject.from / MINUTE;
  const out: number[] = [];
  for (let i = 0; i < local.length; i += 2) {
    const start = base + local[i]!;
    if (start >= fromMinutes) out.push(start, base + local[i + 1]!);
  }
  return out;
}

// All sessions overlapping [fromMs, toMs), in order, as flat [start, end) epoch-minute pairs.
export function sessionsBetween(subject: UsageSubject, fromMs: number, toMs: number): number[] {
  if (subject.profile === "never" || toMs <= subject.from) return [];
  const a = Math.max(fromMs, subject.from) / MINUTE;
  const b = toMs / MINUTE;
  const out: number[] = [];
  for (let day = localDay(subject, a); day <= localDay(subject, b); day++) {
    const s = daySessions(subject, day);
    for (let i = 0; i < s.length; i += 2) if (s[i + 1]! > a && s[i]! < b) out.push(s[i]!, s[i + 1]!);
  }
  return out;
}

// The session (epoch-minute pair) in progress at `at`, if any.
export function sessionAt(subject: UsageSubject, at: number): [number, number] | undefined {
  const s = sessionsBetween(subject, at, at + 1);
  return s.length ? [s[0]!, s[1]!] : undefined;
}

// The end (ms) of the last session that ended by `at`, searching back to when usage began.
export function lastSessionEnd(subject: UsageSubject, at: number): number | undefined {
  if (subject.profile === "never") return undefined;
  const atMinutes = at / MINUTE;
  const firstDay = localDay(subject, subject.from / MINUTE) - 1;
  for (let day = localDay(subject, atMinutes), n = 0; day >= firstDay && n < 500; day--, n++) {
    const s = daySessions(subject, day);
    for (let i = s.length - 2; i >= 0; i -= 2) if (s[i + 1]! <= atMinutes) return s[i + 1]! * MINUTE;
  }
  return undefined;
}

// The start (ms) of the first session that begins after `at`, within the next 60 days.
export function nextSessionStart(subject: UsageSubject, at: number): number | undefined {
  if (subject.profile === "never") return undefined;
  const atMinutes = Math.max(at, subject.from) / MINUTE;
  const firstDay = localDay(subject, atMinutes);
  for (let day = firstDay; day < firstDay + 60; day++) {
    const s = daySessions(subject, day);
    for (let i = 0; i < s.length; i += 2) if (s[i]! > atMinutes) return s[i]! * MINUTE;
  }
  return undefined;
}

export const RUNNING_STATES = ["AVAILABLE", "ADMIN_MAINTENANCE", "IMPAIRED", "UNHEALTHY"];

export function isConnected(ws: WorkspaceRecord, region: string, now: number): boolean {
  return RUNNING_STATES.includes(ws.State) && sessionAt(usageSubject(ws, region), now) !== undefined;
}

// When an AutoStop WorkSpace that is running at `at` becomes idle long enough to stop: its
// timeout after the current (or last) session, and never before `at + timeout`'s lower bound `floor`.
export function autoStopDue(ws: WorkspaceRecord, region: string, at: number, floor: number): number {
  const subject = usageSubject(ws, region);
  const timeout = (ws.AutoStopTimeout ?? 60) * MINUTE;
  const current = sessionAt(subject, at);
  const busyUntil = current ? current[1] * MINUTE : (lastSessionEnd(subject, at) ?? 0);
  return Math.max(floor, busyUntil + timeout);
}
