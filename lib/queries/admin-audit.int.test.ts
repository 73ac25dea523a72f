import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditSentence, auditSentenceText } from "@/lib/presentation/audit";
import { changeUserRole } from "@/lib/services/admin/users";
import { decideRequest } from "@/lib/services/requests/decide";
import { submitRequest } from "@/lib/services/requests/submit";
import { createTestWorld, type TestWorld } from "@/test/world";
import { parseAuditFilter } from "@/lib/schemas/admin-audit";
import { listAudit } from "./admin-audit";

// The audit page reads its events as sentences: the query looks up the names of the people, WorkSpaces,
// requests and directories the page's events mention.
describe("listAudit's names", () => {
  let world: TestWorld;
  let requestId: string;
  let workspace: { id: string; computerName: string | null };

  beforeAll(async () => {
    world = await createTestWorld();
    const prisma = world.database.prisma;
    workspace = await prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", state: "AVAILABLE" },
      select: { id: true, computerName: true },
    });
    const submitted = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: workspace.id, computeType: "POWERPRO" },
      justification: "Builds",
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    requestId = submitted.requestId;
    await decideRequest(world.people.bob, { requestId, decision: "REJECTED", comment: "Not now", channel: "WEB" });
    await changeUserRole({ id: world.people.carol.id }, { userId: world.people.erin.id, role: "MANAGER" });
  }, 120_000);
  afterAll(() => world.close());

  it("names the decider, the requester and the WorkSpace, and links the request", async () => {
    const { rows, names } = await listAudit(parseAuditFilter({ action: "request.rejected" }));
    expect(rows).toHaveLength(1);
    const segments = auditSentence(rows[0]!, names);
    const sentence = auditSentenceText(segments);
    expect(sentence).toMatch(
      new RegExp(`^Bob \\w+ rejected Alice \\w+'s request to change ${workspace.computerName} \\(.+\\) to PowerPro`),
    );
    expect(sentence).not.toContain(workspace.id);
    expect(segments).toContainEqual(expect.objectContaining({ href: `/requests/${requestId}` }));
    expect(segments).toContainEqual({ text: world.people.bob.name, href: `/admin/users/${world.people.bob.id}` });
  });

  it("names the person whose role changed and reads the diff in words", async () => {
    const { rows, names } = await listAudit(parseAuditFilter({ action: "user.role_changed" }));
    expect(auditSentenceText(auditSentence(rows[0]!, names))).toBe(
      `${world.people.carol.name} changed ${world.people.erin.name}'s role from Employee to Manager`,
    );
  });

  it("knows the directories and WorkSpaces by name from the catalog and the inventory", async () => {
    const { names } = await listAudit(parseAuditFilter({ target: workspace.id }));
    expect(names.workspaces[workspace.id]).toContain(workspace.computerName!);
    expect(Object.values(names.directories)).toContain("corp.example.com");
  });
});
