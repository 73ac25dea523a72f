import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countChanges, rowCounter, type RowCounts } from "@/test/entry-points/counts";
import { closeOpenRequests, createFixtures, ownerUpgrade, type Fixtures } from "@/test/entry-points/fixtures";
import { signInAs } from "@/test/entry-points/session";

// Each kind of hostile input that used to end in a 500 or a generic error, end to end through the real
// server action or route handler: a plain refusal (or a clean result), and nothing written.

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));

const { submitChangeRequest, previewChange } = await import("./requests");
const { delegateApprovals } = await import("./delegations");
const { createIpGroupAction, associateIpGroupAction } = await import("./admin-ip-groups");
const { GET: auditExport } = await import("@/app/api/admin/audit/export/route");
const { GET: fleetExport } = await import("@/app/api/admin/fleet/export/route");
const { listAudit } = await import("@/lib/queries/admin-audit");
const { parseAuditFilter } = await import("@/lib/schemas/admin-audit");

let fx: Fixtures;
let counts: () => Promise<RowCounts>;
beforeAll(async () => {
  fx = await createFixtures();
  counts = await rowCounter(fx.world.database.prisma);
}, 120_000);
afterAll(() => fx?.world.close());

/** Runs `call` and checks it wrote nothing and changed nothing in AWS. */
async function nothingWritten<T>(call: () => Promise<T>): Promise<T> {
  const before = await counts();
  const mutations = fx.world.sandbox.mutationCount();
  const out = await call();
  expect(countChanges(before, await counts())).toEqual({});
  expect(fx.world.sandbox.mutationCount()).toBe(mutations);
  return out;
}

const GENERIC = /Something went wrong/;
const request = (justification: string) => ({ change: ownerUpgrade(fx), justification });

describe("server actions", () => {
  beforeAll(async () => {
    await closeOpenRequests(fx);
  });

  it.each([
    ["a NUL character", "Builds\u0000 are slow", /NUL character/],
    ["a lone surrogate", "Builds are slow \uD800", /lone surrogate/],
  ])("refuses %s in free text with a plain message", async (_what, justification, message) => {
    await signInAs(fx.people.owner.id);
    const out = await nothingWritten(() => submitChangeRequest(request(justification)));
    expect(out).toMatchObject({ ok: false, error: expect.stringMatching(message) });
  });

  it("strips bidi overrides and zero-width characters, so approvers read what was typed", async () => {
    await signInAs(fx.people.owner.id);
    const out = await submitChangeRequest(request("Need \u202Eevil\u202C more\u200B power\uFEFF"));
    expect(out).toMatchObject({ ok: true, data: { ok: true } });
    const requestId = (out as { data: { requestId: string } }).data.requestId;
    const stored = await fx.world.database.prisma.request.findUniqueOrThrow({ where: { id: requestId } });
    expect(stored.justification).toBe("Need evil more power");
    const toManager = await fx.world.database.prisma.notification.findFirstOrThrow({
      where: { requestId, userId: fx.people.requesterManager.id },
    });
    expect(toManager.body).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
    await closeOpenRequests(fx);
  });

  it("refuses a 750 kB field with a short message that does not repeat it", async () => {
    await signInAs(fx.people.owner.id);
    const huge = "A".repeat(750_000);
    for (const raw of [request(huge), { change: { ...ownerUpgrade(fx), workspaceId: huge } }]) {
      const out = await nothingWritten(() => previewChange(raw as never));
      expect(out.ok).toBe(false);
      expect(JSON.stringify(out).length).toBeLessThan(1_000);
    }
  });

  it("caps what a refusal repeats back, even when the rule quotes the input", async () => {
    await signInAs(fx.people.admin.id);
    const key = `aws:${"k".repeat(9_000)}`;
    const out = await nothingWritten(() =>
      createIpGroupAction({ region: "us-east-1", name: "Office", rules: [], tags: [{ key, value: "x" }] }),
    );
    expect(out.ok).toBe(false);
    expect(JSON.stringify(out).length).toBeLessThan(2_000);
  });

  it.each([
    ["far in the future", { startsAt: "2026-12-01", endsAt: "275760-09-13T00:00:00.000Z" }],
    ["far in the past, inside an array", { startsAt: ["-271821-04-20T00:00:00.000Z"], endsAt: "2026-12-07" }],
    ["malformed", { startsAt: "2026-13-45", endsAt: "2026-12-07" }],
    ["a number", { startsAt: 8.64e15, endsAt: "2026-12-07" }],
  ])("refuses delegation dates %s with a plain message", async (_what, dates) => {
    await signInAs(fx.people.requesterManager.id);
    const out = await nothingWritten(() => delegateApprovals({ delegateId: fx.people.otherManager.id, ...dates } as never));
    expect(out).toMatchObject({ ok: false, error: "Some fields need attention." });
    expect(JSON.stringify(out)).not.toMatch(GENERIC);
  });

  it("answers a Region the portal does not manage with AWS's plain refusal", async () => {
    await signInAs(fx.people.admin.id);
    const out = await nothingWritten(() =>
      associateIpGroupAction({ region: "ap-south-2", directoryId: fx.labsDir, groupId: fx.partnerGroupId }),
    );
    expect(out).toEqual({ ok: false, error: "The portal does not manage WorkSpaces in ap-south-2." });
  });
});

describe("CSV exports and the audit filter", () => {
  const get = async (route: (r: Request) => Promise<Response>, query: string) => {
    await signInAs(fx.people.admin.id);
    const response = await nothingWritten(() => route(new Request(`http://portal.test/api/admin/x/export?${query}`)));
    return { status: response.status, body: await response.text() };
  };

  it.each([
    ["a malformed from date", "from=2026-13-45", /from date is not valid/],
    ["a far-future to date", "to=99999-01-01", /to date is not valid/],
    ["a date before 2000", "from=0001-01-01", /from date is not valid/],
    ["a page link beyond bigint", "before=99999999999999999999", /page link is not valid/],
    ["a NUL in a text filter", "actor=%00", /NUL character/],
  ])("the audit export refuses %s with a plain 400", async (_what, query, message) => {
    const { status, body } = await get(auditExport, query);
    expect(status).toBe(400);
    expect(body).toMatch(message);
  });

  it("the fleet export refuses a NUL in a filter with a plain 400, before the download starts", async () => {
    const { status, body } = await get(fleetExport, "q=%00");
    expect(status).toBe(400);
    expect(body).toMatch(/NUL character/);
  });

  it("the audit page drops a malformed date or page link instead of failing", async () => {
    const filter = parseAuditFilter({ from: "2026-02-30", to: "275760-09-13", before: "99999999999999999999", actor: "a\u0000" });
    expect(filter).toEqual({ actor: undefined, target: undefined, action: undefined, from: undefined, to: undefined, before: undefined });
    await expect(listAudit(filter)).resolves.toMatchObject({ rows: expect.any(Array) });
  });
});
