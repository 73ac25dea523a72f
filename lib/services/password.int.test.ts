import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/auth-flow";
import { createTestWorld, type TestWorld } from "@/test/world";
import { resetMyPassword } from "../actions/workspaces";
import { signInClaims } from "../auth/session-claims";
import { SIGN_IN_AGAIN } from "../auth/recent-sign-in";
import { ServiceError } from "../core/errors";
import { resetDirectoryPassword } from "./password";

// The Cookie header a server action sees, as next/headers would hand it over inside a request.
const incoming = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(incoming.cookie ? { cookie: incoming.cookie } : {}) }));
// next-auth's entry imports next/server, which only Next.js's own bundler resolves; its sign-in error
// class is @auth/core's.
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

let world: TestWorld;
let workspaceId: string;
const minutesAgo = (minutes: number, from = new Date()) => new Date(from.getTime() - minutes * 60_000);
const PASSWORD = "Winter-Sky-2026!";

beforeAll(async () => {
  world = await createTestWorld();
  // Carol's WorkSpace is in the labs directory, a Simple AD, whose passwords the portal can reset.
  workspaceId = (await world.database.prisma.workspace.findFirstOrThrow({ where: { ownerId: world.people.carol.id, goneAt: null } })).id;
});
afterAll(() => world.close());

const carol = (signedInAt: Date | null) => ({ ...world.people.carol, signedInAt });
const resets = () => world.database.prisma.auditEvent.count({ where: { action: "directory.password_reset" } });

async function refusal(attempt: Promise<unknown>): Promise<ServiceError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe("a password reset needs a recent sign-in", () => {
  it("refuses a sign-in from 11 minutes ago, asks to sign in again, and writes nothing: no AWS call, no audit event", async () => {
    const [mutations, audited] = [world.sandbox.mutationCount(), await resets()];
    const error = await refusal(resetDirectoryPassword(carol(minutesAgo(11)), { workspaceId, newPassword: PASSWORD }));
    expect(error.message).toBe("To change a password you must have signed in within the last 10 minutes. Sign in again, then change it.");
    expect(error.reasons.map((r) => r.code)).toEqual([SIGN_IN_AGAIN]);
    await refusal(resetDirectoryPassword(carol(null), { workspaceId, newPassword: PASSWORD }));
    expect(world.sandbox.mutationCount()).toBe(mutations);
    expect(await resets()).toBe(audited);
  });

  it("accepts a sign-in from 9 minutes ago", async () => {
    const [mutations, audited] = [world.sandbox.mutationCount(), await resets()];
    await expect(resetDirectoryPassword(carol(minutesAgo(9)), { workspaceId, newPassword: PASSWORD })).resolves.toEqual({
      directoryName: "labs.example.com",
    });
    expect(world.sandbox.mutationCount()).toBe(mutations + 1);
    expect(await resets()).toBe(audited + 1);
  });

  it("takes the sign-in time from the session cookie: a fresh sign-in may reset, an 11-minute-old one may not", async () => {
    incoming.cookie = await signInAs("carol@example.com");
    await expect(resetMyPassword({ workspaceId, newPassword: PASSWORD, confirmPassword: PASSWORD })).resolves.toMatchObject({ ok: true });

    const [mutations, audited] = [world.sandbox.mutationCount(), await resets()];
    const { sessionVersion } = await world.database.prisma.user.findUniqueOrThrow({ where: { id: world.people.carol.id } });
    const old = await encode({
      token: { sub: world.people.carol.id, ...signInClaims(sessionVersion, minutesAgo(11)) },
      secret: process.env.AUTH_SECRET!,
      salt: "authjs.session-token",
    });
    incoming.cookie = `authjs.session-token=${old}`;
    await expect(resetMyPassword({ workspaceId, newPassword: PASSWORD, confirmPassword: PASSWORD })).resolves.toMatchObject({
      ok: false,
      reasons: [{ code: SIGN_IN_AGAIN }],
    });
    expect(world.sandbox.mutationCount()).toBe(mutations);
    expect(await resets()).toBe(audited);
  });
});
