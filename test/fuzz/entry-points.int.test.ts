import { writeFileSync } from "node:fs";
import { postgresTier } from "@/test/db";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AUDIT_MAX_ID, countChanges, rowCounter, type RowCounts } from "@/test/entry-points/counts";
import { discoverActions, discoverRoutes } from "@/test/entry-points/discover";
import { createFixtures, routeContext, validInputs, validRequests, type Fixtures } from "@/test/entry-points/fixtures";
import { hostileQuery, hostileString, hostileValue, mutated, mutatedForm } from "@/test/entry-points/hostile";
import { recorded } from "@/test/entry-points/next-auth";
import { signInAs } from "@/test/entry-points/session";
import { watchWrites, type WriteWatch } from "@/test/entry-points/writes";

// Every server action and route handler, driven with generated hostile input as each role. A refusal
// must be a plain answer (no 5xx, no exception, no "Something went wrong on our side") that wrote nothing
// and made no AWS change. `npm run fuzz` runs longer, with FUZZ_RUNS and a random seed (or FUZZ_SEED).

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));

/** Inputs per entry point, shared out among the roles. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
// A fixed seed in `npm test`, so a failure is reproducible; `npm run fuzz` asks for a random one (printed).
const SEED = !process.env.FUZZ_SEED
  ? 20261130
  : process.env.FUZZ_SEED === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED);
const ROLES = ["anonymous", "employee", "manager", "admin"] as const;
type Role = (typeof ROLES)[number];
const PER_ROLE = Math.ceil(RUNS / ROLES.length);
const GENERIC = /Something went wrong on our side/;

const actions = await discoverActions();
const routes = await discoverRoutes();

let fx: Fixtures;
let counts: () => Promise<RowCounts>;
let writes: WriteWatch;
/** The database as it was before the current input; null once something may have written since. */
let baseline: { xid: bigint; counts: RowCounts } | null = null;
/** The personas' roles and session versions when the current role was last signed in. */
let personasKey: string | null = null;
let ids: string[];
const roleIds: Record<Role, string | null> = { anonymous: null, employee: null, manager: null, admin: null };
const seeds = new Map<string, unknown>();

const totals = { inputs: 0, refused: 0, succeeded: 0, unexpected: 0, partialWrites: 0, awsCallsOnRefusal: 0, auditedAwsRefusals: 0 };
const failures: string[] = [];

// Findings in code this test does not own, counted and printed but not failed on, each with its owner's
// file: remove an entry once it is fixed, and the test holds the line from then on.
const KNOWN: { target: RegExp; what: RegExp; why: string }[] = [];
const known = new Map<string, number>();
const timing = new Map<string, { sample: number; run: number }>();

beforeAll(async () => {
  fx = await createFixtures();
  counts = await rowCounter(fx.world.database.prisma);
  roleIds.employee = fx.people.owner.id;
  roleIds.manager = fx.people.requesterManager.id;
  roleIds.admin = fx.people.admin.id;
  // Ids of real objects of every kind, and of unknown ones.
  const prisma = fx.world.database.prisma;
  const [users, workspaces, requests, notifications] = await Promise.all([
    prisma.user.findMany({ select: { id: true } }),
    prisma.workspace.findMany({ select: { id: true }, take: 10 }),
    prisma.request.findMany({ select: { id: true } }),
    prisma.notification.findMany({ select: { id: true }, take: 5 }),
  ]);
  ids = [
    ...users.map((u) => u.id),
    ...workspaces.map((w) => w.id),
    ...requests.map((r) => r.id),
    ...notifications.map((n) => n.id),
    fx.employeesDir,
    fx.labsDir,
    fx.partnerGroupId,
    fx.offeredBundleId,
    fx.imageId,
    "us-east-1",
    "eu-west-1",
    "ap-south-2",
    "xx-" + "a".repeat(5000) + "-1",
    ...Object.values(fx.unknown),
  ];
  // Each action's valid input as the admin (or the owner) sends it: the shape the mutations start from.
  for (const name of actions.keys()) {
    const persona = /^(previewChange|submitChangeRequest|cancelMyRequest|resetMyPassword|refreshMyWorkspace|markRead)$/.test(name)
      ? "owner"
      : name === "decide" || name === "approveMany" || name === "decideFromEmail" || name === "endDelegation"
        ? "requesterManager"
        : "admin";
    seeds.set(name, await validInputs[name]?.(fx, persona));
  }
  writes = watchWrites(prisma, fx.world.database.kind);
}, 180_000);

afterAll(async () => {
  console.log(
    `fuzz totals (seed ${SEED}, ${ROLES.length * PER_ROLE} inputs per entry point, ${PER_ROLE} as each role): ` +
      `${totals.inputs} inputs, ${totals.succeeded} accepted, ${totals.refused} refused; ` +
      `${totals.unexpected} 5xx/unexpected errors, ${totals.partialWrites} partial writes, ` +
      `${totals.awsCallsOnRefusal} AWS calls on a refusal ` +
      `(${totals.auditedAwsRefusals} refusals by AWS itself, audited as attempts)` +
      [...known].map(([why, n]) => `\n  known, not failed on: ${n} × ${why}`).join(""),
  );
  if (process.env.FUZZ_TIMING)
    console.log(
      [...timing]
        .sort((a, b) => b[1].run + b[1].sample - a[1].run - a[1].sample)
        .slice(0, 25)
        .map(([k, v]) => `${k}: sample ${v.sample.toFixed(0)} ms, run ${v.run.toFixed(0)} ms`)
        .join("\n"),
    );
  await fx?.world.close();
});

function describeInput(input: unknown): string {
  if (input instanceof FormData) input = Object.fromEntries([...input.entries()].map(([k, v]) => [k, String(v)]));
  if (input instanceof Request) input = `${input.method} ${input.url}`;
  let text: string;
  try {
    text =
      JSON.stringify(input, (_k, v: unknown) =>
        typeof v === "bigint" ? `${v}n` : typeof v === "string" && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
      ) ?? String(input);
  } catch {
    text = String(input);
  }
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

// The personas' roles and sessions as the fixtures made them: an accepted admin change (a role, "sign out
// everywhere") may have changed them, and the next inputs should still come from the same people.
async function restorePersonas(role: Role): Promise<void> {
  baseline = null;
  const prisma = fx.world.database.prisma;
  const expected: Record<string, "EMPLOYEE" | "MANAGER" | "ADMIN"> = {
    [fx.people.owner.id]: "EMPLOYEE",
    [fx.people.requesterManager.id]: "MANAGER",
    [fx.people.admin.id]: "ADMIN",
  };
  const read = async () => {
    const now = await prisma.user.findMany({
      where: { id: { in: Object.keys(expected) } },
      select: { id: true, role: true, sessionVersion: true },
      orderBy: { id: "asc" },
    });
    return { now, key: now.map((u) => `${u.id}:${u.role}:${u.sessionVersion}`).join(",") };
  };
  let { now, key } = await read();
  if (key === personasKey) return;
  if (now.some((u) => u.role !== expected[u.id])) {
    for (const u of now) if (u.role !== expected[u.id]) await prisma.user.update({ where: { id: u.id }, data: { role: expected[u.id] } });
    ({ now, key } = await read());
  }
  await signInAs(roleIds[role]);
  personasKey = key;
}

type Verdict = "accepted" | "refused" | { unexpected: string };

const HANDS_OVER = new Set(["demoSignIn", "oidcSignIn", "directorySignIn", "signOutAction", "signInAgain"]);

async function runAction(name: string, input: unknown): Promise<Verdict> {
  const call = actions.get(name)!.action as (input: unknown) => Promise<unknown>;
  if (HANDS_OVER.has(name)) {
    const before = recorded.signIn.length + recorded.signOut.length;
    try {
      await call(input);
    } catch (error) {
      const digest = (error as { digest?: unknown }).digest;
      // Next.js's redirect() throws; a redirect back to the sign-in page with an error is a refusal.
      if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return /[?&]error=/.test(digest) ? "refused" : "accepted";
      return { unexpected: `threw ${String(error).slice(0, 200)}` };
    }
    return recorded.signIn.length + recorded.signOut.length > before ? "accepted" : "refused";
  }
  let result: { ok: boolean; error?: string; data?: unknown };
  try {
    result = (await call(input)) as typeof result;
  } catch (error) {
    return { unexpected: `threw ${String(error).slice(0, 200)}` };
  }
  if (!result || typeof result.ok !== "boolean") return { unexpected: `returned ${describeInput(result)}` };
  if (!result.ok) {
    if (typeof result.error !== "string" || GENERIC.test(result.error)) return { unexpected: `generic error: ${result.error}` };
    if (JSON.stringify(result).length > 20_000) return { unexpected: `a refusal of ${JSON.stringify(result).length} characters` };
    return "refused";
  }
  const data = result.data as { ok?: boolean } | { ok: boolean }[] | null;
  if (Array.isArray(data)) return data.some((item) => item.ok) ? "accepted" : "refused";
  return data && data.ok === false ? "refused" : "accepted";
}

async function runRoute(key: string, request: Request): Promise<Verdict> {
  const route = routes.get(key)!;
  try {
    const response = await route.handler(request, routeContext(route.path, request.url));
    // A streamed body can still fail after the status was sent: read all of it.
    const body = await response.text();
    if (response.status >= 500) return { unexpected: `status ${response.status}: ${body.slice(0, 120)}` };
    return response.status >= 400 ? "refused" : "accepted";
  } catch (error) {
    return { unexpected: `threw ${String(error).slice(0, 200)}` };
  }
}

/** Runs one input and checks what it left behind. */
async function probe(label: string, role: Role, input: unknown, run: () => Promise<Verdict>): Promise<void> {
  baseline ??= { xid: await writes.nextXid(), counts: await counts() };
  const before = baseline.counts;
  const mutations = fx.world.sandbox.mutationCount();
  writes.reset();
  const verdict = await run();
  totals.inputs++;
  const fail = (what: string) => failures.length < 400 && failures.push(`${label} as ${role}: ${what} for ${describeInput(input)}`);
  if (typeof verdict === "object") {
    totals.unexpected++;
    const finding = KNOWN.find((k) => k.target.test(label) && k.what.test(verdict.unexpected));
    if (finding) known.set(finding.why, (known.get(finding.why) ?? 0) + 1);
    else fail(verdict.unexpected);
  }
  if (verdict === "accepted") {
    totals.succeeded++;
    if (writes.maybeWrites > 0) await restorePersonas(role);
    return;
  }
  if (verdict === "refused") totals.refused++;
  if (fx.world.sandbox.mutationCount() !== mutations) {
    totals.awsCallsOnRefusal++;
    fail("changed AWS on a refusal");
  }
  if (writes.maybeWrites === 0 || (await writes.nextXid()) === baseline.xid) return;
  baseline = null;
  const after = await counts();
  const changed = countChanges(before, after);
  delete changed[AUDIT_MAX_ID];
  if (changed.AuditEvent) {
    // AWS's own refusals are recorded as attempts (lib/services/admin/guard.ts callAws); nothing else may be.
    const events = await fx.world.database.prisma.auditEvent.findMany({
      where: { id: { gt: BigInt(before[AUDIT_MAX_ID]!) } },
      select: { action: true },
    });
    if (events.length && events.every((e) => e.action.endsWith(".refused"))) {
      totals.auditedAwsRefusals++;
      delete changed.AuditEvent;
    }
  }
  if (Object.keys(changed).length) {
    totals.partialWrites++;
    fail(`wrote ${JSON.stringify(changed)} on a refusal`);
  }
}

function actionInputs(name: string, index: number): unknown[] {
  const seed = seeds.get(name);
  const arbitrary =
    seed instanceof FormData
      ? fc.oneof(
          { weight: 4, arbitrary: mutatedForm(Object.fromEntries([...seed.entries()].map(([k, v]) => [k, String(v)]))) },
          { weight: 1, arbitrary: hostileValue(ids) },
        )
      : fc.oneof(
          { weight: 3, arbitrary: mutated(seed ?? {}, ids) },
          { weight: 1, arbitrary: hostileValue(ids) },
          { weight: 1, arbitrary: fc.constant(seed) },
        );
  return fc.sample(arbitrary, { numRuns: PER_ROLE, seed: SEED + index });
}

const QUERY_KEYS = [
  "actor",
  "target",
  "action",
  "from",
  "to",
  "before",
  "q",
  "state",
  "region",
  "directory",
  "bundle",
  "compute",
  "mode",
  "owner",
  "cc",
  "sort",
  "dir",
  "page",
  "size",
  "count",
  "callbackUrl",
  "error",
];
const AUTH_PATHS = [
  "session",
  "providers",
  "csrf",
  "signin",
  "signin/demo",
  "signin/oidc",
  "signout",
  "callback/demo",
  "callback/oidc",
  "callback/ldap",
  "error",
  "verify-request",
  "webauthn-options",
];

function routeRequests(key: string, index: number): Request[] {
  const { path, method } = routes.get(key)!;
  const base = "http://portal.test";
  if (path.includes("[...nextauth]")) {
    const arbitrary = fc.tuple(
      fc.oneof(
        fc.constantFrom(...AUTH_PATHS),
        hostileString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD")).slice(0, 200)),
      ),
      hostileQuery(QUERY_KEYS),
      fc.oneof(
        hostileQuery(["csrfToken", "email", "username", "password", "callbackUrl", "code", "state"]),
        hostileString.map((s) => s.slice(0, 2000)),
      ),
    );
    return fc.sample(arbitrary, { numRuns: PER_ROLE, seed: SEED + index }).map(([p, query, body]) =>
      method === "POST"
        ? new Request(`${base}/api/auth/${p}?${query}`, {
            method,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body,
          })
        : new Request(`${base}/api/auth/${p}?${query}`, { method }),
    );
  }
  const arbitrary = fc.tuple(
    hostileQuery(QUERY_KEYS),
    fc.option(hostileString.map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, "").slice(0, 200)}`)),
  );
  return fc
    .sample(arbitrary, { numRuns: PER_ROLE, seed: SEED + index })
    .map(([query, authorization]) => new Request(`${base}${path}?${query}`, { method, headers: authorization ? { authorization } : {} }));
}

// Refusals write nothing on either engine alike, so the PostgreSQL tier (which exists for locking and
// concurrency) leaves these 49,000 calls to the PGlite run, keeping CI well inside its time.
describe.skipIf(postgresTier())("hostile input at every entry point", () => {
  // Routes first: the audit export reads the whole audit log, which every accepted admin action lengthens.
  const targets = [...routes.keys(), ...actions.keys()];

  it("covers every server action and route handler", () => {
    expect(targets.length).toBeGreaterThan(40);
    expect(targets.filter((t) => actions.has(t) && !validInputs[t])).toEqual([]);
    expect(targets.filter((t) => routes.has(t) && !validRequests[t])).toEqual([]);
  });

  describe.each(targets.map((t, i) => [t, i] as const))("%s", (target, index) => {
    it.each(ROLES)(
      `gets a plain refusal or an answer for ${PER_ROLE} hostile inputs as %s, writing nothing on a refusal`,
      async (role) => {
        const roleIndex = index * ROLES.length + ROLES.indexOf(role);
        personasKey = null;
        await restorePersonas(role);
        const t0 = performance.now();
        const inputs = routes.has(target) ? routeRequests(target, roleIndex) : actionInputs(target, roleIndex);
        const t1 = performance.now();
        for (const input of inputs) {
          if (input instanceof Request) await probe(target, role, input, () => runRoute(target, input.clone()));
          else await probe(target, role, input, () => runAction(target, input));
        }
        const t = timing.get(`${target} ${role}`) ?? { sample: 0, run: 0 };
        timing.set(`${target} ${role}`, { sample: t.sample + t1 - t0, run: t.run + performance.now() - t1 });
      },
      Math.max(60_000, PER_ROLE * 100),
    );
  });

  it("found no 5xx, unexpected error, partial write or AWS change on a refusal", () => {
    if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, failures.join("\n"));
    expect(failures.slice(0, 50)).toEqual([]);
    expect(totals.inputs).toBe(targets.length * ROLES.length * PER_ROLE);
  });
});
