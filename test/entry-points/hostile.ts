// Generators of hostile input for the fuzz test: arbitrary values, and the shape of a valid input with
// one or more of its values replaced by something hostile.
import fc from "fast-check";

export const HUGE = "A".repeat(750_000);

const HOSTILE_TEXT = [
  "\u0000",
  "abc\u0000def",
  "\uD800",
  "x\uDC00y",
  "\uDBFF",
  "\u202Eevil\u202C",
  "\u2066isolate\u2069",
  "zero\u200Bwidth",
  "\uFEFFbom",
  "\u200F\u200E",
  HUGE,
  "B".repeat(10_001),
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "=cmd|' /C calc'!A0",
  "../../etc/passwd",
  "%00",
  "NaN",
  "-1",
  "1e309",
  "99999999999999999999999999",
  "9223372036854775808",
  "275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "9999-99-99",
  "2026-02-30",
  "0000-01-01",
  "+010000-01-01T00:00:00Z",
  "__proto__",
  "constructor",
  "",
  " ",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_TEXT.slice(0, 10)), fc.string({ maxLength: 12 })).map(([a, b]) => b + a + b),
  },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    2 ** 53,
    -(2 ** 53),
    1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    0.5,
    -1,
    2 ** 31,
    2 ** 63,
    8.64e15,
    -8.64e15,
  ),
  fc.integer(),
  fc.double(),
);

export const hostileDate: fc.Arbitrary<Date> = fc.constantFrom(
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date(NaN),
  new Date("9999-12-31T00:00:00Z"),
  new Date(0),
  new Date("1900-01-01T00:00:00Z"),
);

export function hostileLeaf(ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: hostileDate },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null, undefined, [], {}) },
    { weight: 1, arbitrary: fc.bigInt() },
  );
}

/** Any value at all, with hostile strings, numbers and dates among its leaves. */
export function hostileValue(ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      hostileLeaf(ids),
      fc.array(tie("value"), { maxLength: 5 }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "\u0000", "\uD800")), tie("value"), {
        maxKeys: 5,
      }),
    ),
  })).value;
}

type Path = (string | number)[];

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leafPaths(v, [...path, i]))];
  if (value && typeof value === "object" && !(value instanceof Date))
    return [path, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))];
  return [path];
}

function setAt(root: unknown, path: Path, op: "replace" | "delete" | "wrap" | "extra", leaf: unknown): unknown {
  if (path.length === 0)
    return op === "wrap" ? [root] : op === "extra" && root && typeof root === "object" ? { ...root, extra: leaf } : leaf;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  if (rest.length === 0 && op === "delete") {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1);
    else delete copy[head!];
    return copy;
  }
  copy[head!] = setAt(copy[head!], rest, op, leaf);
  return copy;
}

/** A valid input with one to three of its values replaced, removed, wrapped, or joined by extra fields. */
export function mutated(seed: unknown, ids: readonly string[]): fc.Arbitrary<unknown> {
  const paths = leafPaths(seed);
  const mutation = fc.tuple(
    fc.nat({ max: paths.length - 1 }),
    fc.constantFrom("replace", "replace", "replace", "delete", "wrap", "extra") as fc.Arbitrary<"replace" | "delete" | "wrap" | "extra">,
    hostileLeaf(ids),
  );
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => mutations.reduce((value, [i, op, leaf]) => setAt(value, paths[i]!, op, leaf), seed));
}

/** FormData carries strings only: each field of the seed, some replaced by hostile strings. */
export function mutatedForm(fields: Record<string, string>): fc.Arbitrary<FormData> {
  const keys = [...Object.keys(fields), "email", "callbackUrl", "username", "password"];
  return fc
    .dictionary(fc.constantFrom(...keys), fc.oneof(hostileString, fc.constantFrom(...Object.values(fields))), { maxKeys: keys.length })
    .map((changes) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...fields, ...changes })) form.set(k, v);
      return form;
    });
}

/** A query string as a browser or an attacker could send it: raw percent-escapes too, invalid UTF-8 included. */
export function hostileQuery(keys: readonly string[]): fc.Arbitrary<string> {
  const rawEscape = fc.constantFrom("%00", "%ED%A0%80", "%FF", "%C0%80", "%E2%80%AE", "%", "%G1", "%2", "+", "&", "=");
  const text = fc.oneof(
    hostileString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD"))),
    rawEscape,
    fc.constantFrom(
      "2026-01-01",
      "2026-13-45",
      "99999-01-01",
      "0001-01-01",
      "1",
      "0",
      "-5",
      "99999999999999999999",
      "9223372036854775807",
      "9223372036854775808",
      "exact",
      "desc",
      "id",
    ),
  );
  const pair = fc.tuple(
    fc.oneof(fc.constantFrom(...keys), text),
    fc.array(text, { maxLength: 2 }).map((parts) => parts.join("")),
  );
  return fc.array(pair, { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));
}
