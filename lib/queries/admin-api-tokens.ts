import "server-only";
import { db } from "../db";
import { API_SCOPE_LABELS, API_TOKEN_STATUS_LABELS, apiTokenStatus, type ApiScope, type ApiTokenStatus } from "../domain";

export interface ApiTokenRow {
  id: string;
  name: string;
  /** The token's first characters, so an admin can tell which token an integration holds without the secret. */
  prefix: string;
  scopes: { scope: string; label: string }[];
  mayActForPeople: boolean;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
  statusLabel: string;
}

const labelOf = (scope: string) => API_SCOPE_LABELS[scope as ApiScope] ?? scope;

/** Every token, newest first, with where it stands now; never the hash. */
export async function listApiTokens(now = new Date()): Promise<ApiTokenRow[]> {
  const tokens = await db().apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      mayActForPeople: true,
      createdById: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  const creatorIds = [...new Set(tokens.flatMap((t) => (t.createdById ? [t.createdById] : [])))];
  const creators = new Map(
    (await db().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return tokens.map(({ createdById, scopes, ...t }) => {
    const status = apiTokenStatus(t, now);
    return {
      ...t,
      scopes: scopes.map((scope) => ({ scope, label: labelOf(scope) })),
      createdBy: (createdById && creators.get(createdById)) || "—",
      status,
      statusLabel: API_TOKEN_STATUS_LABELS[status],
    };
  });
}
