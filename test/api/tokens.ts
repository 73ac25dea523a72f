// API tokens for tests, made the way the admin page makes them (a service account of their own, only the
// hash stored), with any scopes, lifetime or state a test needs.
import { randomUUID } from "node:crypto";
import { API_SCOPES, type ApiScope } from "@/lib/domain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateApiToken } from "@/lib/services/api/auth";

export interface TestToken {
  id: string;
  name: string;
  /** The secret, as the caller sends it after `Bearer `. */
  token: string;
  serviceUserId: string;
}

export async function createTestToken(
  prisma: PrismaClient,
  options: {
    name?: string;
    scopes?: readonly ApiScope[];
    mayActForPeople?: boolean;
    expiresAt?: Date;
    revokedAt?: Date | null;
  } = {},
): Promise<TestToken> {
  const name = options.name ?? `Test integration ${randomUUID().slice(0, 8)}`;
  const { token, hash, prefix } = generateApiToken();
  const serviceUser = await prisma.user.create({
    data: { email: `api-${randomUUID()}@service.invalid`, name, role: "EMPLOYEE", serviceAccount: true, groups: [] },
    select: { id: true },
  });
  const row = await prisma.apiToken.create({
    data: {
      name,
      prefix,
      hash,
      scopes: [...(options.scopes ?? API_SCOPES)],
      mayActForPeople: options.mayActForPeople ?? false,
      serviceUserId: serviceUser.id,
      expiresAt: options.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
      revokedAt: options.revokedAt ?? null,
    },
    select: { id: true },
  });
  return { id: row.id, name, token, serviceUserId: serviceUser.id };
}
