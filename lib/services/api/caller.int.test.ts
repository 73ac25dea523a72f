import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createTestApiToken } from "@/test/api-token";
import { seedDemoOrganization } from "@/lib/seed/demo-organization";
import { ServiceError } from "@/lib/core/errors";
import type { AuthenticatedToken } from "./auth";
import { resolveApiCaller } from "./caller";

describe("who a REST API call acts as", () => {
  let database: TestDatabase;
  let token: AuthenticatedToken;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoOrganization(database.prisma);
    ({ token } = await createTestApiToken(database.prisma, { name: "ServiceNow" }));
  });
  afterAll(() => database.close());

  const refusal = async (email: string) => {
    const error = await resolveApiCaller(token, email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  };

  it("without X-On-Behalf-Of, the token's own service account, never more than an employee", async () => {
    await database.prisma.user.update({ where: { id: token.serviceUserId }, data: { role: "ADMIN" } });
    const caller = await resolveApiCaller(token, null);
    expect(caller).toEqual({
      tokenId: token.id,
      tokenName: "ServiceNow",
      onBehalf: false,
      actor: { id: token.serviceUserId, name: "ServiceNow", role: "EMPLOYEE", via: "ServiceNow" },
    });
    await database.prisma.user.update({ where: { id: token.serviceUserId }, data: { role: "EMPLOYEE" } });
  });

  it("with it, the person by email in any case, with the role the database holds now", async () => {
    const alice = await database.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    const caller = await resolveApiCaller(token, "  Alice@EXAMPLE.com ");
    expect(caller).toEqual({
      tokenId: token.id,
      tokenName: "ServiceNow",
      onBehalf: true,
      actor: { id: alice.id, name: alice.name, role: "EMPLOYEE", via: "ServiceNow" },
    });
    expect((await resolveApiCaller(token, "carol@example.com")).actor.role).toBe("ADMIN");

    await database.prisma.user.update({ where: { email: "bob@example.com" }, data: { role: "EMPLOYEE" } });
    expect((await resolveApiCaller(token, "bob@example.com")).actor.role).toBe("EMPLOYEE");
    await database.prisma.user.update({ where: { email: "bob@example.com" }, data: { role: "MANAGER" } });
    expect((await resolveApiCaller(token, "bob@example.com")).actor.role).toBe("MANAGER");
  });

  it("an unknown email is refused with PERSON_NOT_FOUND", async () => {
    const error = await refusal("nobody@example.com");
    expect(error.code).toBe("not_found");
    expect(error.message).toBe("No person with the email nobody@example.com is known to the portal.");
    expect(error.reasons).toEqual([{ code: "PERSON_NOT_FOUND", message: error.message }]);
  });

  it("a service account is not a person to act for", async () => {
    const other = await createTestApiToken(database.prisma, { name: "Jira" });
    const email = (await database.prisma.user.findUniqueOrThrow({ where: { id: other.token.serviceUserId } })).email;
    expect((await refusal(email)).reasons[0]?.code).toBe("PERSON_NOT_FOUND");
    expect((await refusal(email.toUpperCase())).reasons[0]?.code).toBe("PERSON_NOT_FOUND");
  });

  it("pattern characters in the email match nobody", async () => {
    for (const email of ["%@example.com", "_lice@example.com", "%"])
      expect((await refusal(email)).reasons[0]?.code).toBe("PERSON_NOT_FOUND");
  });
});
