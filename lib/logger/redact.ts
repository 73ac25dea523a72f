// A log line must never carry a secret, however deep an AWS error or a request object nests it and
// however its key is spelled (NewPassword, password, x-api-key, Set-Cookie). pino's own `redact` paths
// match neither at any depth nor case-insensitively, so every logged object passes through here.

export const REDACTED = "[redacted]";
const MAX_DEPTH = 10;
/** Values visited per log call: a stray socket or stream in an error stays a bounded cost. */
const MAX_NODES = 5_000;

// Matched against the key lower-cased without separators: "X-Amz-Security-Token" → "xamzsecuritytoken".
const SENSITIVE_KEY = /passw|passphrase|secret|token|cookie|authorization|accesskey|apikey|privatekey|credential|signature/;

const SENSITIVE_IN_TEXT: [RegExp, string][] = [
  // Credentials in a URL: smtp://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${REDACTED}@`],
  // Secrets in a query string: ?token=…, &X-Amz-Signature=…
  [/([?&;][^=&\s#]*(?:token|secret|passw|signature|credential)[^=&\s#]*=)[^&\s#"']+/gi, `$1${REDACTED}`],
  // The signed part of an approve/reject link from a mail.
  [/(\/approvals\/email\/)[^\s/?#"']+/g, `$1${REDACTED}`],
];

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key.toLowerCase().replace(/[^a-z0-9]/g, ""));
}

function redactText(text: string): string {
  return SENSITIVE_IN_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

interface Walk {
  /** The objects on the path from the root, to recognise a cycle (a value seen twice elsewhere is fine). */
  ancestors: Set<object>;
  nodes: number;
}

function redactEntries(
  entries: [string, unknown][],
  depth: number,
  walk: Walk,
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    into[key] = isSensitiveKey(key) ? REDACTED : redactValue(value, depth + 1, walk);
  }
  return into;
}

function redactError(error: Error, depth: number, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: redactText(error.message) };
  if (error.stack) out.stack = redactText(error.stack);
  // Own properties carry what AWS and Prisma attach: $metadata, the input, code, meta…
  redactEntries(
    Object.entries(error).filter(([key]) => !(key in out)),
    depth,
    walk,
    out,
  );
  if (error.cause !== undefined) out.cause = redactValue(error.cause, depth + 1, walk);
  if (error instanceof AggregateError) out.errors = redactValue(error.errors, depth + 1, walk);
  return out;
}

function redactValue(value: unknown, depth: number, walk: Walk): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (walk.ancestors.has(value)) return "[circular]";
  if (depth > MAX_DEPTH || ++walk.nodes > MAX_NODES) return "[truncated]";
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  walk.ancestors.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, walk);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, walk));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return redactValue(toJSON.call(value), depth + 1, walk);
    return redactEntries(Object.entries(value), depth, walk);
  } finally {
    walk.ancestors.delete(value);
  }
}

/** A copy of a log object with every secret replaced by "[redacted]"; the input is left untouched. */
export function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  return redactEntries(Object.entries(object), 0, { ancestors: new Set([object]), nodes: 0 });
}
