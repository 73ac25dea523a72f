import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCatalogSource } from "@/lib/core/catalog";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { approvalInbox } from "./approvals";

// An organisation with more pending requests than one inbox page holds: each person's inbox must still
// show every request waiting for them, however many other people's requests are older.

const MANAGERS = 25;
const EMPLOYEES = 100;
const PENDING = 1_000;
const NOW = new Date("2026-11-20T12:00:00Z");

type Step = { role: "MANAGER"; approverId: string } | { role: "ADMIN" };
interface Row {
  id: string;
  requesterId: string;
  approvalSteps: Step[];
  currentStep: number;
  escalated: boolean;
}

let database: TestDatabase;
const person = (id: string, role: Role, managerId: string | null = null) => ({
  id,
  email: `${id}@example.com`,
  name: `Person ${id}`,
  role,
  managerId,
});
const manager = (i: number) => `m${i}`;
const employee = (i: number) => `e${i}`;
const pending: Row[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  setCatalogSource({ bundles: async () => [], directories: async () => [], snapshots: async () => ({}) as never });
  const prisma = database.prisma;
  await prisma.user.createMany({
    data: [
      ...Array.from({ length: MANAGERS }, (_, i) => person(manager(i), "MANAGER")),
      person("a0", "ADMIN"),
      person("a1", "ADMIN"),
      // A former manager: steps and a delegation still name him, but he no longer approves.
      person("x0", "EMPLOYEE"),
    ],
  });
  await prisma.user.createMany({
    data: Array.from({ length: EMPLOYEES }, (_, i) => person(employee(i), "EMPLOYEE", i % 10 === 9 ? "x0" : manager(i % MANAGERS))),
  });
  const hour = 3600_000;
  await prisma.delegation.createMany({
    data: [
      { approverId: "m1", delegateId: "m2", startsAt: new Date(NOW.getTime() - hour), endsAt: new Date(NOW.getTime() + hour) },
      { approverId: "m3", delegateId: "m4", startsAt: new Date(NOW.getTime() - 3 * hour), endsAt: new Date(NOW.getTime() - hour) },
      { approverId: "x0", delegateId: "m5", startsAt: new Date(NOW.getTime() - hour), endsAt: new Date(NOW.getTime() + hour) },
    ],
  });

  const managerOf = new Map((await prisma.user.findMany({ select: { id: true, managerId: true } })).map((u) => [u.id, u.managerId!]));
  const requests: Prisma.RequestCreateManyInput[] = [];
  for (let i = 0; i < PENDING + 50; i += 1) {
    const requesterId = employee(i % EMPLOYEES);
    const named: Step = { role: "MANAGER", approverId: managerOf.get(requesterId)! };
    // Most wait for the manager; every tenth for an admin after the manager; every tenth is escalated.
    const row: Row = {
      id: `r${String(i).padStart(4, "0")}`,
      requesterId,
      approvalSteps: [named, { role: "ADMIN" }],
      currentStep: i % 10 === 7 ? 1 : 0,
      escalated: i % 10 === 8,
    };
    const status = i < PENDING ? ("PENDING_APPROVAL" as const) : ("APPROVED" as const);
    if (status === "PENDING_APPROVAL") pending.push(row);
    requests.push({
      id: row.id,
      type: "computeType",
      change: { type: "computeType", workspaceId: `ws-${i}`, computeType: "POWER" },
      region: "us-east-1",
      requesterId,
      beneficiaryId: requesterId,
      justification: "Builds are slow",
      status,
      approvalReason: "It adds cost.",
      approvalSteps: row.approvalSteps,
      currentStep: row.currentStep,
      escalatedAt: row.escalated ? NOW : null,
      // Request i is i minutes old, so the first ids are the newest.
      createdAt: new Date(NOW.getTime() - i * 60_000),
    });
  }
  // A manager's own request waits for an admin, never for that manager.
  requests.push({
    ...requests[7]!,
    id: "r-own",
    requesterId: "m0",
    beneficiaryId: "m0",
    approvalSteps: [{ role: "ADMIN" }],
    currentStep: 0,
    escalatedAt: null,
  });
  pending.push({ id: "r-own", requesterId: "m0", approvalSteps: [{ role: "ADMIN" }], currentStep: 0, escalated: false });
  await prisma.request.createMany({ data: requests });
});
afterAll(() => database.close());

/** Who should see a row, worked out plainly from the data above rather than from the portal's rule. */
function expectedFor(id: string, role: Role, delegators: string[]): string[] {
  return pending
    .filter((r) => {
      if (r.requesterId === id) return false;
      const step = r.approvalSteps[r.currentStep]!;
      const asManager = step.role === "MANAGER" && role !== "EMPLOYEE" && (step.approverId === id || delegators.includes(step.approverId));
      const asAdmin = role === "ADMIN" && (step.role === "ADMIN" || r.escalated);
      return asManager || asAdmin;
    })
    .map((r) => r.id)
    .sort();
}

const inbox = async (id: string, role: Role) =>
  (await approvalInbox({ id, email: `${id}@example.com`, name: `Person ${id}`, role }, NOW)).map((r) => r.id);

describe("approvalInbox on 1,000 pending requests", () => {
  it("shows each manager all and only the requests waiting for them", async () => {
    for (let i = 0; i < MANAGERS; i += 1) {
      const id = manager(i);
      const seen = await inbox(id, "MANAGER");
      expect(seen.toSorted(), id).toEqual(expectedFor(id, "MANAGER", id === "m2" ? ["m1"] : []));
      expect(seen.length, id).toBeGreaterThanOrEqual(10);
    }
  });

  it("lists oldest first and says on whose behalf a delegate decides", async () => {
    const rows = await approvalInbox({ id: "m2", email: "", name: "", role: "MANAGER" }, NOW);
    expect(rows.map((r) => r.createdAt.getTime())).toEqual(rows.map((r) => r.createdAt.getTime()).toSorted((a, b) => a - b));
    const m1s = new Set(expectedFor("m1", "MANAGER", []));
    for (const row of rows) expect(row.delegatedFrom, row.id).toBe(m1s.has(row.id) ? "Person m1" : null);
  });

  it("shows admins the admin steps and the escalated requests", async () => {
    const seen = await inbox("a0", "ADMIN");
    expect(seen.toSorted()).toEqual(expectedFor("a0", "ADMIN", []));
    expect(seen).toContain("r-own");
    expect(seen.length).toBeGreaterThan(150);
  });

  it("shows nothing to someone who no longer approves, and nothing through his delegation", async () => {
    expect(await inbox("x0", "EMPLOYEE")).toEqual([]);
    expect((await inbox("m5", "MANAGER")).toSorted()).toEqual(expectedFor("m5", "MANAGER", []));
    expect(await inbox("m0", "MANAGER")).not.toContain("r-own");
  });
});
