// An API token and its service account for tests of the REST API's services, made the way the admin
// page makes them (a service-account User, only the hash stored) and read back through authentication.
import { randomUUID } from "node:crypto";
import type { ApiScope } from "@/lib/domain";
import { authenticateApiToken, generateApiToken, type AuthenticatedToken } from "@/lib/services/api/auth";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function createTestApiToken(
  prisma: PrismaClient,
  options: { name?: string; scopes?: ApiScope[]; mayActForPeople?: boolean } = {},
): Promise<{ secret: string; token: AuthenticatedToken }> {
  const name = options.name ?? `Test token ${randomUUID().slice(0, 8)}`;
  const { token: secret, hash, prefix } = generateApiToken();
  const serviceUser = await prisma.user.create({
    data: { email: `api-${randomUUID()}@service-accounts.invalid`, name, role: "EMPLOYEE", serviceAccount: true, groups: [] },
  });
  await prisma.apiToken.create({
    data: {
      name,
      prefix,
      hash,
      scopes: options.scopes ?? ["requests:read", "requests:write", "decisions:write"],
      mayActForPeople: options.mayActForPeople ?? true,
      serviceUserId: serviceUser.id,
      expiresAt: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
    },
  });
  const token = await authenticateApiToken(secret);
  if (!token) throw new Error("the test token does not authenticate");
  return { secret, token };
}
