import { AwsError } from "../protocol/errors";

// Tokens are opaque to clients: base64url JSON with a cursor; a token the sandbox did not issue is refused.
export function encodeToken(cursor: Record<string, number | string>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor })).toString("base64url");
}

export function decodeToken(token: string, errorCode = "InvalidParameterValuesException"): Record<string, unknown> {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (typeof parsed === "object" && parsed !== null && (parsed as { v?: unknown }).v === 1) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the refusal below
  }
  throw new AwsError(errorCode, "The pagination token is invalid.");
}

export function pageByOffset<T>(items: T[], limit: number, token: string | undefined, errorCode?: string): { page: T[]; next?: string } {
  let offset = 0;
  if (token !== undefined) {
    const cursor = decodeToken(token, errorCode);
    offset = typeof cursor.o === "number" && cursor.o >= 0 ? cursor.o : -1;
    if (offset < 0) throw new AwsError(errorCode ?? "InvalidParameterValuesException", "The pagination token is invalid.");
  }
  const page = items.slice(offset, offset + limit);
  const end = offset + page.length;
  return { page, next: end < items.length ? encodeToken({ o: end }) : undefined };
}
