import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countChanges, rowCounter, type RowCounts } from "@/test/entry-points/counts";
import { discoverActions, discoverRoutes } from "@/test/entry-points/discover";
import {
  createFixtures,
  PERSONAS,
  routeContext,
  validInputs,
  validRequests,
  type Fixtures,
  type Persona,
} from "@/test/entry-points/fixtures";
import { recorded } from "@/test/entry-points/next-auth";
import { signInAs } from "@/test/entry-points/session";

// Who may call what: every server action and route handler against every persona, each called with an
// input that is valid for the scenario, so the only reason for a refusal is who is asking.

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));

// allowed; refused for want of a role (or of a session); refused because the object is not theirs.
type Outcome = "allowed" | "role" | "owner";
const Y = "allowed" as const;
const R = "role" as const;
const O = "owner" as const;
const row = (...outcomes: Outcome[]): Record<Persona, Outcome> =>
  Object.fromEntries(PERSONAS.map((p, i) => [p, outcomes[i]!])) as Record<Persona, Outcome>;
const adminOnly = row(R, R, R, R, R, Y, R);
const everyone = row(Y, Y, Y, Y, Y, Y, Y);
const apiTokenOnly = row(R, R, R, R, R, R, R);

// The owner is alice (an employee, the requester), the other employee is erin (another team), the
// requester's manager is bob, the other manager frank, the admin carol, and the demoted manager mona,
// once a manager (and bob's delegate), now an employee.
//                                            anonymous owner otherEmployee requesterManager otherManager admin demotedManager
const EXPECTED: Record<string, Record<Persona, Outcome>> = {
  // lib/actions/requests.ts
  previewChange: /*                         */ row(R, Y, O, O, O, Y, O),
  submitChangeRequest: /*                   */ row(R, Y, O, O, O, Y, O),
  cancelMyRequest: /*                       */ row(R, Y, O, O, O, O, O),
  // lib/actions/approvals.ts
  decide: /*                                */ row(R, R, R, Y, O, O, R),
  approveMany: /*                           */ row(R, R, R, Y, O, O, R),
  decideFromEmail: /*                       */ row(R, O, O, Y, O, O, O),
  // lib/actions/delegations.ts
  delegateApprovals: /*                     */ row(R, R, R, Y, Y, Y, R),
  endDelegation: /*                         */ row(R, R, R, Y, O, O, R),
  // lib/actions/workspaces.ts
  resetMyPassword: /*                       */ row(R, Y, O, O, O, O, O),
  refreshMyWorkspace: /*                    */ row(R, Y, O, O, O, Y, O),
  syncInventoryNow: adminOnly,
  markRead: /*                              */ row(R, Y, Y, Y, Y, Y, Y),
  // lib/actions/admin-images.ts
  createImageAction: adminOnly,
  deleteImageAction: adminOnly,
  copyImageAction: adminOnly,
  setImagePermissionAction: adminOnly,
  // lib/actions/admin-bundles.ts
  createBundleAction: adminOnly,
  updateBundleImageAction: adminOnly,
  deleteBundleAction: adminOnly,
  setBundleDisplayAction: adminOnly,
  clearBundleDisplayAction: adminOnly,
  // lib/actions/admin-directories.ts
  updateSelfServicePermissionsAction: adminOnly,
  updateCreationPropertiesAction: adminOnly,
  updateAccessPropertiesAction: adminOnly,
  updateClientPropertiesAction: adminOnly,
  associateDirectoryIpGroupAction: adminOnly,
  disassociateDirectoryIpGroupAction: adminOnly,
  updateDirectoryRequestersAction: adminOnly,
  registerDirectoryAction: adminOnly,
  deregisterDirectoryAction: adminOnly,
  // lib/actions/admin-radius.ts
  saveRadiusAction: adminOnly,
  disableRadiusAction: adminOnly,
  // lib/actions/admin-encryption-keys.ts
  updateEncryptionKeysAction: adminOnly,
  // lib/actions/admin-directory-password-help.ts
  readDirectoryPasswordHelpAction: adminOnly,
  updateDirectoryPasswordHelpAction: adminOnly,
  // lib/actions/admin-fleet.ts
  startBulkAction: adminOnly,
  startBulkForFilterAction: adminOnly,
  retryBulkAction: adminOnly,
  // lib/actions/admin-rollouts.ts
  startRolloutAction: adminOnly,
  continueRolloutAction: adminOnly,
  stopRolloutAction: adminOnly,
  retryRolloutAction: adminOnly,
  // lib/actions/admin-ip-groups.ts
  createIpGroupAction: adminOnly,
  deleteIpGroupAction: adminOnly,
  replaceIpRulesAction: adminOnly,
  associateIpGroupAction: adminOnly,
  disassociateIpGroupAction: adminOnly,
  // lib/actions/admin-aliases.ts
  createConnectionAliasAction: adminOnly,
  associateConnectionAliasAction: adminOnly,
  disassociateConnectionAliasAction: adminOnly,
  deleteConnectionAliasAction: adminOnly,
  setConnectionAliasPermissionAction: adminOnly,
  setPrimaryRegionAction: adminOnly,
  // lib/actions/admin-api-tokens.ts
  createApiTokenAction: adminOnly,
  revokeApiTokenAction: adminOnly,
  // lib/actions/admin-webhooks.ts
  createWebhookAction: adminOnly,
  rotateWebhookSecretAction: adminOnly,
  setWebhookActiveAction: adminOnly,
  deleteWebhookAction: adminOnly,
  setWebhookNetworkAction: adminOnly,
  redeliverWebhookAction: adminOnly,
  // lib/actions/admin-accounts.ts
  addAccountAction: adminOnly,
  updateAccountAction: adminOnly,
  removeAccountAction: adminOnly,
  setAccountPolicyAction: adminOnly,
  // lib/actions/admin-users.ts
  changeRoleAction: adminOnly,
  changeManagerAction: adminOnly,
  signOutEverywhereAction: adminOnly,
  updatePolicyAction: adminOnly,
  updatePricesAction: adminOnly,
  // lib/actions/tags.ts
  updateTagPolicyAction: adminOnly,
  requestWorkspaceTagsAction: /*            */ row(R, Y, O, O, O, Y, O),
  editResourceTagsAction: adminOnly,
  // lib/actions/reclaim.ts
  keepWorkspaceAction: /*                   */ row(R, Y, O, O, O, Y, O),
  updateReclaimSettingsAction: adminOnly,
  // lib/actions/optimizer.ts
  createOptimizerRequestsAction: adminOnly,
  updateOptimizerSettingsAction: adminOnly,
  refreshUsageAction: adminOnly,
  // lib/actions/auth.ts and sso.ts: signing in and out is for whoever is at the keyboard.
  demoSignIn: everyone,
  signOutAction: everyone,
  signInAgain: everyone,
  oidcSignIn: everyone,
  directorySignIn: everyone,
  // app/api/**/route.ts
  "GET /api/admin/audit/export": adminOnly,
  "GET /api/admin/fleet/export": adminOnly,
  "GET /api/admin/optimizer/export": adminOnly,
  "GET /api/health": everyone,
  // Readiness for load balancers: names checks (database, migrations, AWS), never data.
  "GET /api/ready": everyone,
  // Prometheus metrics: only METRICS_TOKEN opens them (unset in tests, so the endpoint answers 404); a session never does.
  "GET /api/metrics": apiTokenOnly,
  "GET /api/reports/[table]": /*            */ row(R, R, R, Y, Y, Y, R),
  "GET /api/auth/[...nextauth]": everyone,
  "POST /api/auth/[...nextauth]": everyone,
  // app/api/v1/**/route.ts: the REST API opens to API tokens only, never to a session cookie.
  "GET /api/v1/workspaces": apiTokenOnly,
  "GET /api/v1/workspaces/[id]": apiTokenOnly,
  "GET /api/v1/catalog": apiTokenOnly,
  "GET /api/v1/requests": apiTokenOnly,
  "POST /api/v1/requests": apiTokenOnly,
  "GET /api/v1/requests/[id]": apiTokenOnly,
  "POST /api/v1/requests/[id]/cancel": apiTokenOnly,
  "POST /api/v1/requests/[id]/decisions": apiTokenOnly,
  "GET /api/v1/audit-events": apiTokenOnly,
  // The API's description and reference page are public.
  "GET /api/v1/openapi.json": everyone,
  "GET /api/docs": everyone,
  "GET /api/docs/assets/[file]": everyone,
};

// What each refusal says; any other refusal would mean the input was wrong for the scenario.
const REFUSAL: Record<Exclude<Outcome, "allowed">, RegExp> = {
  role: /^(Your session has ended\. Sign in again\.|You are not allowed to do this\.|Sign in first\.|Only admins can export this\.|This call needs an API token: send it as Authorization: Bearer <token>\.|Not found\.)$/,
  owner:
    /^(.* was not found, or you do not have access to it\.|This request is waiting for (the requester's manager|an admin)\.|This request is not waiting for you\.|This link was sent to someone else\. Sign in as the person it was sent to\.)$/,
};

const actions = await discoverActions();
const routes = await discoverRoutes();

let fx: Fixtures;
let counts: () => Promise<RowCounts>;
beforeAll(async () => {
  fx = await createFixtures();
  counts = await rowCounter(fx.world.database.prisma);
}, 120_000);
afterAll(() => fx?.world.close());

interface Observed {
  outcome: "allowed" | "refused";
  message: string | null;
  detail: unknown;
}

type Result = { ok: boolean; error?: string; data?: unknown };

// Sign-in and sign-out actions hand over to Auth.js (recorded by the stand-in): allowed means they did.
const HANDS_OVER: Record<string, { signIn: string } | "signOut"> = {
  demoSignIn: { signIn: "demo" },
  oidcSignIn: { signIn: "oidc" },
  directorySignIn: { signIn: "ldap" },
  signOutAction: "signOut",
  signInAgain: "signOut",
};

/** What an action's result means: approveMany and submitChangeRequest carry refusals inside a successful call. */
function judgeAction(name: string, result: unknown): Observed {
  const r = result as Result;
  if (!r.ok) return { outcome: "refused", message: r.error ?? null, detail: r };
  if (name === "approveMany") {
    const items = r.data as { ok: boolean; error?: string }[];
    const refused = items.find((i) => !i.ok);
    return refused ? { outcome: "refused", message: refused.error ?? null, detail: r } : { outcome: "allowed", message: null, detail: r };
  }
  const data = r.data as { ok?: boolean; reasons?: { message: string }[] } | null;
  if (data && data.ok === false) return { outcome: "refused", message: data.reasons?.[0]?.message ?? null, detail: r };
  return { outcome: "allowed", message: null, detail: r };
}

async function callAction(name: string, input: unknown): Promise<Observed> {
  const { action } = actions.get(name)!;
  const call = action as (input: unknown) => Promise<unknown>;
  const handsOver = HANDS_OVER[name];
  if (handsOver) {
    const before = { signIn: recorded.signIn.length, signOut: recorded.signOut.length };
    try {
      await call(input);
    } catch (error) {
      return { outcome: "refused", message: String((error as { digest?: string }).digest ?? error), detail: error };
    }
    const did =
      handsOver === "signOut"
        ? recorded.signOut.length > before.signOut
        : recorded.signIn.length > before.signIn && recorded.signIn.at(-1)!.provider === handsOver.signIn;
    return { outcome: did ? "allowed" : "refused", message: null, detail: recorded };
  }
  return judgeAction(name, await call(input));
}

async function callRoute(key: string): Promise<Observed> {
  const route = routes.get(key)!;
  const request = validRequests[key]!(fx);
  const response = await route.handler(request, routeContext(route.path, request.url));
  const body = await response.text();
  // The REST API refuses with RFC 9457 problems: their plain-language reason is `detail`.
  const problem = response.headers.get("content-type")?.startsWith("application/problem+json");
  return response.status < 400
    ? { outcome: "allowed", message: null, detail: response.status }
    : { outcome: "refused", message: problem ? (JSON.parse(body) as { detail: string }).detail : body, detail: response.status };
}

describe("the authorisation matrix", () => {
  it("has exactly one row for each exported server action and route handler", () => {
    const exported = [...actions.keys(), ...routes.keys()].sort();
    expect(exported.length).toBeGreaterThan(40);
    expect(Object.keys(EXPECTED).sort()).toEqual(exported);
  });

  it("has a valid input for each of them", () => {
    expect([...actions.keys()].filter((name) => !validInputs[name])).toEqual([]);
    expect([...routes.keys()].filter((key) => !validRequests[key])).toEqual([]);
  });

  describe.each(Object.keys(EXPECTED))("%s", (name) => {
    it.each(PERSONAS)("as %s", async (persona) => {
      const expected = EXPECTED[name]![persona];
      const isRoute = routes.has(name);
      if (!isRoute && !actions.has(name)) throw new Error(`${name} is in the table but exported by no "use server" file or route`);
      const input = isRoute ? undefined : await validInputs[name]!(fx, persona);
      await signInAs(fx.ids[persona]);
      const before = await counts();
      const mutations = fx.world.sandbox.mutationCount();
      const observed = isRoute ? await callRoute(name) : await callAction(name, input);
      expect({ outcome: observed.outcome, message: observed.message }, JSON.stringify(observed.detail)?.slice(0, 2000)).toMatchObject({
        outcome: expected === Y ? "allowed" : "refused",
      });
      if (expected !== Y) {
        expect(observed.message).toMatch(REFUSAL[expected]);
        expect(countChanges(before, await counts())).toEqual({});
        expect(fx.world.sandbox.mutationCount()).toBe(mutations);
      }
    });
  });
});
