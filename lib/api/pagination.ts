import "server-only";

// Cursor pagination: a cursor is the last row's keyset (the values the list is ordered by), base64url
// JSON tagged with the list it belongs to. Reading "after the keyset" instead of "skip n rows" keeps
// paging stable while rows are inserted: a new row either sorts before the cursor (not seen) or after
// it (seen once), and no existing row moves.

export type Keyset = (string | number)[];

export type CursorRead = { ok: true; after: Keyset | null } | { ok: false };

export function encodeCursor(list: string, keyset: Keyset): string {
  return Buffer.from(JSON.stringify({ l: list, k: keyset }), "utf8").toString("base64url");
}

/** The keyset a cursor carries, if it is one this list handed out with `arity` values of these kinds. */
export function decodeCursor(list: string, cursor: string | undefined, kinds: readonly ("string" | "number")[]): CursorRead {
  if (cursor === undefined) return { ok: true, after: null };
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return { ok: false };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { l?: unknown; k?: unknown };
    if (parsed.l !== list || !Array.isArray(parsed.k) || parsed.k.length !== kinds.length) return { ok: false };
    const k = parsed.k as unknown[];
    if (!k.every((v, i) => typeof v === kinds[i] && (typeof v !== "string" || (v.length > 0 && v.length <= 128)))) return { ok: false };
    return { ok: true, after: k as Keyset };
  } catch {
    return { ok: false };
  }
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A page from `limit + 1` rows read in list order: the extra row only says whether there is a next page. */
export function pageOf<R, T>(list: string, rows: R[], limit: number, keyset: (row: R) => Keyset, show: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { data: kept.map(show), nextCursor: more ? encodeCursor(list, keyset(kept[kept.length - 1]!)) : null };
}

/** `Link: <…?cursor=…>; rel="next"` for the request's own URL, other parameters kept. */
export function nextLink(requestUrl: string, nextCursor: string | null): Record<string, string> {
  if (!nextCursor) return {};
  const url = new URL(requestUrl);
  url.searchParams.set("cursor", nextCursor);
  return { Link: `<${url.pathname}${url.search}>; rel="next"` };
}
