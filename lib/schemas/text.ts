// The one screen every input passes before its zod schema: server actions (lib/actions/client.ts) and
// route handlers apply it to the raw value, so no single schema has to remember these rules.
// - NUL characters: PostgreSQL refuses them in text and JSON, so they would fail deep inside a write.
// - Lone surrogates: not text at all; they cannot be encoded as UTF-8 and would reach the database or AWS
//   as replacement characters.
// - Bidirectional overrides and zero-width characters: they make text read differently from what it says
//   (an approver would see a justification reordered or a name with a hidden character), so they are
//   removed. A password keeps every character its owner typed, so there they are refused instead.
// - Size and depth: bounded before zod walks the value, and no refusal repeats the input back.
// Zod-free and pure, so forms could use it too.

export const INPUT_LIMITS = {
  /** Longest single string: the longest free text (a justification) is 2,000; settings notes stay well below. */
  maxStringLength: 10_000,
  /** Characters across all strings and keys of one input. */
  maxTotalLength: 512 * 1024,
  /** Values (strings, numbers, objects, array items) in one input: a bulk operation of 10,000 WorkSpaces fits. */
  maxNodes: 50_000,
  /** Nesting: the deepest form (a policy document) is six levels. */
  maxDepth: 24,
};

/**
 * The server-action body limit Next.js enforces before any portal code runs (next.config.js
 * `serverActions.bodySizeLimit`). A body above it is answered 413 by proxy.ts; below it, the screen's own
 * size limits answer with a plain refusal.
 */
export const ACTION_BODY_LIMIT = "1mb";
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
export const TOO_LARGE_MESSAGE = "This is too large to send. Shorten the text or send fewer items at once.";

/** How much of any refusal message reaches the caller. */
export const MAX_MESSAGE_LENGTH = 300;

export type Screened<T> = { ok: true; value: T } | { ok: false; status: 400 | 413; error: string };

// Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the Arabic letter mark (U+061C),
// zero-width space, joiners and directional marks (U+200B–U+200F), word joiner and invisible operators
// (U+2060–U+2064), and the byte-order mark / zero-width no-break space (U+FEFF).
const FORMAT_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const HAS_FORMAT_CONTROL = new RegExp(FORMAT_CONTROLS.source);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SECRET_KEY = /password/i;

/** Removes bidirectional-override and zero-width characters. */
export function stripFormatControls(text: string): string {
  return text.replace(FORMAT_CONTROLS, "");
}

export function hasFormatControls(text: string): boolean {
  return HAS_FORMAT_CONTROL.test(text);
}

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Text PostgreSQL and UTF-8 can hold as it is: no NUL and no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !hasLoneSurrogate(text);
}

/** Shortens a message for display, whole characters only, so no refusal repeats a large input back. */
export function capMessage(message: string, max = MAX_MESSAGE_LENGTH): string {
  const chars = Array.from(message);
  return chars.length <= max ? message : `${chars.slice(0, max - 1).join("")}…`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

class Refusal extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Screens a raw input: refuses NUL characters, lone surrogates and over-size or over-deep values with a
 * plain sentence, and returns a copy whose strings (object keys too) have no bidi or zero-width controls.
 * Values that are not strings, arrays or plain objects (numbers, dates, files…) pass as they are: the
 * schema decides about them.
 */
export function screenInput<T>(raw: T, limits: typeof INPUT_LIMITS = INPUT_LIMITS): Screened<T> {
  let nodes = 0;
  let total = 0;
  const text = (value: string, secret: boolean): string => {
    total += value.length;
    if (value.length > limits.maxStringLength || total > limits.maxTotalLength) throw new Refusal(413, TOO_LARGE_MESSAGE);
    if (value.includes("\u0000"))
      throw new Refusal(400, "The text contains a NUL character, which cannot be saved. Remove it and try again.");
    if (hasLoneSurrogate(value))
      throw new Refusal(400, "The text contains an invalid character (a lone surrogate). Retype it and try again.");
    if (!hasFormatControls(value)) return value;
    if (secret) throw new Refusal(400, "The password contains invisible formatting characters. Type it again without them.");
    return stripFormatControls(value);
  };
  const walk = (value: unknown, depth: number, secret: boolean): unknown => {
    if (++nodes > limits.maxNodes) throw new Refusal(413, TOO_LARGE_MESSAGE);
    if (typeof value === "string") return text(value, secret);
    if (value === null || typeof value !== "object") return value;
    if (depth >= limits.maxDepth) throw new Refusal(400, "The input is nested too deeply.");
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, secret));
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, text(key, false), {
        value: walk(item, depth + 1, SECRET_KEY.test(key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  try {
    return { ok: true, value: walk(raw, 0, false) as T };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, status: error.status, error: error.message };
    // A stack overflow from a value nested beyond what recursion can follow is the same refusal.
    if (error instanceof RangeError) return { ok: false, status: 400, error: "The input is nested too deeply." };
    throw error;
  }
}

/** The same screen for a query string: each parameter name and value as a string. */
export function screenSearchParams(params: URLSearchParams): Screened<URLSearchParams> {
  const screened = screenInput([...params.entries()]);
  return screened.ok ? { ok: true, value: new URLSearchParams(screened.value) } : screened;
}
