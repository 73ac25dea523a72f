import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { loadConfig } from "../config/schema";
import { seedDemoOrganization } from "../seed/demo-organization";
import { authOptions } from "./options";

// next-auth's entry imports next/server, which only Next.js's own bundler resolves; its sign-in error
// class is @auth/core's.
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

type Authorize = (credentials: Record<string, unknown>, request: Request) => Promise<{ email?: string | null; role?: string } | null>;

function demoAuthorize(env: Record<string, string>): Authorize {
  const config = loadConfig({ PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-auth-")), AUTH_SECRET: "x".repeat(32), ...env });
  // Auth.js merges a provider's options into it when it starts; the factory keeps them apart.
  const provider = authOptions(config).providers[0] as unknown as { options: { id: string; authorize: Authorize } };
  expect(provider.options.id).toBe("demo");
  return (credentials, request) => provider.options.authorize(credentials, request);
}

const EMBEDDED = { NODE_ENV: "development" };
const REAL = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://u:p@db/portal",
  PORTAL_AWS_MODE: "aws",
  DEMO_SIGN_IN: "true",
  DEMO_SIGN_IN_ON_REAL_DATABASE: "i-understand",
};
const request = new Request("http://portal.test/api/auth/callback/demo", { method: "POST" });

describe("demo sign-in", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoOrganization(database.prisma);
    // A real person of the organisation, not one of the demo people.
    await database.prisma.user.create({ data: { email: "ceo@corp.example", name: "Chief Executive", role: "ADMIN" } });
  });
  afterAll(() => database.close());

  it("signs in a seeded demo person", async () => {
    await expect(demoAuthorize(EMBEDDED)({ email: "alice@example.com" }, request)).resolves.toMatchObject({
      email: "alice@example.com",
      role: "EMPLOYEE",
    });
    await expect(demoAuthorize(EMBEDDED)({ email: "carol@example.com" }, request)).resolves.toMatchObject({ role: "ADMIN" });
  });

  it.each(["ceo@corp.example", "CEO@corp.example", "mallory@example.com", "not an email", ""])(
    "refuses %j, who is not a demo person",
    async (email) => {
      await expect(demoAuthorize(EMBEDDED)({ email }, request)).resolves.toBeNull();
      await expect(demoAuthorize(REAL)({ email }, request)).resolves.toBeNull();
    },
  );

  it("refuses credentials that name no email at all", async () => {
    await expect(
      demoAuthorize(EMBEDDED)({ id: (await database.prisma.user.findUniqueOrThrow({ where: { email: "ceo@corp.example" } })).id }, request),
    ).resolves.toBeNull();
  });

  it("opens no admin session outside the embedded defaults", async () => {
    await expect(demoAuthorize(REAL)({ email: "carol@example.com" }, request)).resolves.toBeNull();
    await expect(demoAuthorize(REAL)({ email: "bob@example.com" }, request)).resolves.toMatchObject({ role: "MANAGER" });
  });

  it("is refused altogether when demo sign-in is off", async () => {
    await expect(demoAuthorize({ NODE_ENV: "production" })({ email: "alice@example.com" }, request)).rejects.toThrow();
  });
});
