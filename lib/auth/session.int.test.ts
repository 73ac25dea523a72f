import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { sessionEndpoint, signInAs, signOutWith } from "@/test/auth-flow";
import { changeUserRole, signOutEverywhere } from "../services/admin/users";
import { seedDemoOrganization } from "../seed/demo-organization";
import { getCurrentUser } from "./session";
import { sessionClaimsFromCookieHeader } from "./session-token";

// The Cookie header a page or server action sees, as next/headers would hand it over inside a request.
const incoming = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(incoming.cookie ? { cookie: incoming.cookie } : {}) }));
// next-auth's entry imports next/server, which only Next.js's own bundler resolves; its sign-in error
// class is @auth/core's.
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

let database: TestDatabase;
const people: Record<"alice" | "bob" | "carol", { id: string }> = { alice: { id: "" }, bob: { id: "" }, carol: { id: "" } };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoOrganization(database.prisma);
  for (const name of ["alice", "bob", "carol"] as const) {
    people[name] = await database.prisma.user.findUniqueOrThrow({ where: { email: `${name}@example.com` }, select: { id: true } });
  }
});
afterAll(() => database.close());
afterEach(() => vi.useRealTimers());

/** Who the portal sees on a request that sends this Cookie header. */
async function viewer(cookie: string) {
  incoming.cookie = cookie;
  return getCurrentUser();
}

describe("signing out", () => {
  it("refuses a session cookie captured before sign-out, although the cookie has not expired", async () => {
    const captured = await signInAs("alice@example.com");
    // Read once before sign-out, so its decrypted claims are remembered for the replay below.
    expect(await viewer(captured)).toMatchObject({ id: people.alice.id, email: "alice@example.com", role: "EMPLOYEE" });

    expect(await signOutWith(captured)).toBe(true);

    expect(await sessionClaimsFromCookieHeader(captured, process.env.AUTH_SECRET!)).toMatchObject({ userId: people.alice.id });
    expect(await viewer(captured)).toBeNull();
    // Auth.js's own session endpoint does not revive it either; it clears the cookie.
    expect(await sessionEndpoint(captured)).toEqual({ session: null, setCookie: "" });
  });

  it("lets the person sign in again afterwards", async () => {
    const before = await signInAs("alice@example.com");
    await signOutWith(before);
    const after = await signInAs("alice@example.com");
    expect(await viewer(after)).toMatchObject({ id: people.alice.id });
    expect(await viewer(before)).toBeNull();
  });

  it("does not let a replayed, already signed-out cookie end the person's newer session", async () => {
    const old = await signInAs("bob@example.com");
    await signOutWith(old);
    const current = await signInAs("bob@example.com");
    await signOutWith(old);
    expect(await viewer(current)).toMatchObject({ id: people.bob.id });
    await signOutWith(current);
  });
});

describe("ending sessions from the admin pages", () => {
  it("a role change ends the person's sessions; they sign in again under the new role", async () => {
    const session = await signInAs("bob@example.com");
    expect(await viewer(session)).toMatchObject({ role: "MANAGER" });

    await changeUserRole(people.carol, { userId: people.bob.id, role: "EMPLOYEE" });

    expect(await viewer(session)).toBeNull();
    expect(await viewer(await signInAs("bob@example.com"))).toMatchObject({ id: people.bob.id, role: "EMPLOYEE" });
    await changeUserRole(people.carol, { userId: people.bob.id, role: "MANAGER" });
  });

  it("“Sign out everywhere” ends every session the person has, audited, and a new sign-in works", async () => {
    const laptop = await signInAs("alice@example.com");
    const phone = await signInAs("alice@example.com");
    const carol = await signInAs("carol@example.com");

    await signOutEverywhere(people.carol, { userId: people.alice.id });

    expect(await viewer(laptop)).toBeNull();
    expect(await viewer(phone)).toBeNull();
    // Only Alice's sessions end.
    expect(await viewer(carol)).toMatchObject({ id: people.carol.id });
    expect(
      await database.prisma.auditEvent.findMany({
        where: { action: "user.signed_out_everywhere" },
        select: { actorId: true, targetType: true, targetId: true },
      }),
    ).toEqual([{ actorId: people.carol.id, targetType: "user", targetId: people.alice.id }]);
    expect(await viewer(await signInAs("alice@example.com"))).toMatchObject({ id: people.alice.id });
  });

  it("“Sign out everywhere” is for admins only, and changes nothing otherwise", async () => {
    const session = await signInAs("carol@example.com");
    await expect(signOutEverywhere(people.bob, { userId: people.carol.id })).rejects.toThrow("Only admins can do this.");
    await expect(signOutEverywhere(people.carol, { userId: "nobody" })).rejects.toThrow("was not found");
    expect(await viewer(session)).toMatchObject({ id: people.carol.id });
  });
});

describe("the sign-in time", () => {
  it("is recorded at sign-in and not moved when Auth.js re-issues the token", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const signedInAt = new Date("2026-11-30T09:00:00Z");
    vi.setSystemTime(signedInAt);
    const session = await signInAs("alice@example.com");
    expect((await viewer(session))?.signedInAt).toEqual(signedInAt);

    vi.setSystemTime(new Date(signedInAt.getTime() + 30 * 60_000));
    const { setCookie } = await sessionEndpoint(session);
    expect(setCookie).toMatch(/^authjs\.session-token=./);
    expect(setCookie).not.toBe(session);
    expect((await viewer(setCookie!))?.signedInAt).toEqual(signedInAt);
  });
});
