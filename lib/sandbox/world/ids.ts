import { createHash, randomBytes } from "node:crypto";

// Seeded PRNG (mulberry32): the same seed always yields the same fleet.
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

// Stable ids for seeded resources, derived from a name so they survive re-seeding.
export function stableId(prefix: string, name: string, length = 9, alphabet: "hex" | "base36" = "base36"): string {
  const digest = createHash("sha256").update(name).digest();
  let out = "";
  for (const byte of digest) {
    out += alphabet === "hex" ? (byte % 16).toString(16) : (byte % 36).toString(36);
    if (out.length === length) break;
  }
  return `${prefix}${out}`;
}

export function randomId(prefix: string, length = 9): string {
  let out = "";
  for (const byte of randomBytes(length)) out += (byte % 36).toString(36);
  return `${prefix}${out}`;
}

export function idFromRand(prefix: string, rand: () => number, length = 9): string {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(rand() * 36).toString(36);
  return `${prefix}${out}`;
}
