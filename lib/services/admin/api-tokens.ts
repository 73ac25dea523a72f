import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { isUniqueViolation, notFound, ServiceError } from "../../core/errors";
import { apiTokenCreateInput, apiTokenIdInput, type ApiTokenCreateInput } from "../../schemas/api";
import { generateApiToken } from "../api/auth";
import { parseInput as parse, requireAdmin, type AdminCaller } from "./guard";

// API tokens for IT service management tools and scripts. Each token has its own service account, the
// identity its requests are made by: a User that is no person (never signs in, never approves, not in
// the people lists). The secret leaves this module once, in the return value; only its SHA-256 is kept.

const DAY_MS = 24 * 60 * 60 * 1000;

/** An address no person can have and no identity provider can prove: ".invalid" is reserved (RFC 2606). */
export const SERVICE_ACCOUNT_EMAIL_DOMAIN = "service-accounts.invalid";

const duplicateName = (name: string) =>
  new ServiceError("invalid", `There is already a token named ${name}. Choose another name, or revoke that token first.`, [
    { code: "name", message: `There is already a token named ${name}.` },
  ]);

/** Creates the token and its service account; the secret is in the answer and nowhere else. */
export async function createApiToken(
  caller: AdminCaller,
  raw: ApiTokenCreateInput,
  now = new Date(),
): Promise<{ id: string; token: string; prefix: string; expiresAt: Date }> {
  const actor = await requireAdmin(caller);
  const input = parse(apiTokenCreateInput, raw);
  const scopes = [...new Set(input.scopes)];
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const { token, hash, prefix } = generateApiToken();
  try {
    const created = await db().$transaction(async (tx) => {
      if (await tx.apiToken.findUnique({ where: { name: input.name }, select: { id: true } })) throw duplicateName(input.name);
      const serviceUser = await tx.user.create({
        data: {
          email: `api-${randomUUID()}@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`,
          name: input.name,
          role: "EMPLOYEE",
          serviceAccount: true,
          groups: [],
        },
        select: { id: true },
      });
      const row = await tx.apiToken.create({
        data: {
          name: input.name,
          prefix,
          hash,
          scopes,
          mayActForPeople: input.mayActForPeople,
          serviceUserId: serviceUser.id,
          createdById: actor.id,
          expiresAt,
          createdAt: now,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor,
        action: "api_token.created",
        targetType: "apiToken",
        targetId: row.id,
        after: {
          name: input.name,
          prefix,
          scopes,
          expiresAt: expiresAt.toISOString(),
          mayActForPeople: input.mayActForPeople,
          serviceUserId: serviceUser.id,
        },
      });
      return row;
    });
    return { id: created.id, token, prefix, expiresAt };
  } catch (error) {
    // Two admins naming a token alike at the same moment: the unique index decides, the message is the same.
    if (isUniqueViolation(error)) throw duplicateName(input.name);
    throw error;
  }
}

/** Ends a token at once; revoking a revoked token changes nothing and answers as if it had. */
export async function revokeApiToken(caller: AdminCaller, tokenId: string, now = new Date()): Promise<{ revokedAt: Date }> {
  const actor = await requireAdmin(caller);
  const { tokenId: id } = parse(apiTokenIdInput, { tokenId });
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!token) throw notFound("This API token");
    if (token.revokedAt) return { revokedAt: token.revokedAt };
    // Scoped to a token not yet revoked, so two admins revoking at once record one revocation.
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) {
      const again = await tx.apiToken.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } });
      return { revokedAt: again.revokedAt ?? now };
    }
    await recordAudit(tx, {
      actor,
      action: "api_token.revoked",
      targetType: "apiToken",
      targetId: id,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
      detail: { name: token.name, prefix: token.prefix },
    });
    return { revokedAt: now };
  });
}
