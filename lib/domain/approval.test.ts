import { describe, expect, it } from "vitest";
import { approvalPolicy, pendingApprovalStatus, type ApprovalStep } from "./approval";
import type { Change, ChangeType } from "./change";
import { money } from "./money";
import { policySettingsSchema } from "./schemas";
import { DEFAULT_POLICY_SETTINGS, type PolicySettings } from "./settings";
import { requester } from "./testing/fixtures";
import type { Requester } from "./types";

const change = (type: ChangeType): Change => ({ type, workspaceId: "ws-1" }) as Change;
const SETTINGS: PolicySettings = { ...DEFAULT_POLICY_SETTINGS, managerThresholdCents: 0, adminThresholdCents: 10_000 };
const MANAGER: ApprovalStep = { role: "MANAGER", approverId: "u-bob" };
const ADMIN: ApprovalStep = { role: "ADMIN" };

describe("approvalPolicy", () => {
  const rows: {
    name: string;
    type: ChangeType;
    delta: number | null;
    who?: Partial<Requester>;
    settings?: Partial<PolicySettings>;
    auto: boolean;
    steps: ApprovalStep[];
    confirm: boolean;
  }[] = [
    { name: "reboot", type: "reboot", delta: 0, auto: true, steps: [], confirm: false },
    { name: "start", type: "start", delta: 0, auto: true, steps: [], confirm: false },
    { name: "stop", type: "stop", delta: 0, auto: true, steps: [], confirm: false },
    { name: "one cent more", type: "volumes", delta: 1, auto: false, steps: [MANAGER], confirm: false },
    { name: "no extra cost", type: "tags", delta: 0, auto: true, steps: [], confirm: false },
    { name: "saving money", type: "runningMode", delta: -500, auto: true, steps: [], confirm: false },
    { name: "exactly the admin threshold", type: "computeType", delta: 10_000, auto: false, steps: [MANAGER], confirm: false },
    {
      name: "one cent above the admin threshold",
      type: "computeType",
      delta: 10_001,
      auto: false,
      steps: [MANAGER, ADMIN],
      confirm: false,
    },
    {
      name: "above the admin threshold, no manager",
      type: "create",
      delta: 50_000,
      who: { managerId: null },
      auto: false,
      steps: [ADMIN],
      confirm: false,
    },
    {
      name: "needs manager, but none recorded",
      type: "create",
      delta: 2_500,
      who: { managerId: null },
      auto: false,
      steps: [ADMIN],
      confirm: false,
    },
    {
      name: "own manager is oneself",
      type: "create",
      delta: 2_500,
      who: { managerId: "u-alice" },
      auto: false,
      steps: [ADMIN],
      confirm: false,
    },
    { name: "unknown cost", type: "computeType", delta: null, auto: false, steps: [MANAGER, ADMIN], confirm: false },
    { name: "rebuild is free but must be confirmed", type: "rebuild", delta: 0, auto: true, steps: [], confirm: true },
    { name: "restore must be confirmed", type: "restore", delta: 0, auto: true, steps: [], confirm: true },
    { name: "terminate saves but must be confirmed", type: "terminate", delta: -3_500, auto: true, steps: [], confirm: true },
    { name: "migrate costs more and must be confirmed", type: "migrate", delta: 4_000, auto: false, steps: [MANAGER], confirm: true },
    {
      name: "manager threshold $20, +$20",
      type: "volumes",
      delta: 2_000,
      settings: { managerThresholdCents: 2_000 },
      auto: true,
      steps: [],
      confirm: false,
    },
    {
      name: "manager threshold $20, +$20.01",
      type: "volumes",
      delta: 2_001,
      settings: { managerThresholdCents: 2_000 },
      auto: false,
      steps: [MANAGER],
      confirm: false,
    },
    {
      name: "always-approve type, free",
      type: "rebuild",
      delta: 0,
      settings: { alwaysNeedApprovalChangeTypes: ["rebuild"] },
      auto: false,
      steps: [MANAGER],
      confirm: true,
    },
    {
      name: "reboot removed from auto list stays free",
      type: "reboot",
      delta: 0,
      settings: { autoApprovedChangeTypes: [] },
      auto: true,
      steps: [],
      confirm: false,
    },
    {
      name: "admin requester still needs approval above threshold",
      type: "create",
      delta: 2_500,
      who: { role: "ADMIN" },
      auto: false,
      steps: [MANAGER],
      confirm: false,
    },
  ];
  it.each(rows)("$name → auto $auto, steps $steps, confirm $confirm", ({ type, delta, who, settings, auto, steps, confirm }) => {
    const decision = approvalPolicy({
      change: change(type),
      costDelta: delta === null ? null : money(delta),
      requester: requester(who),
      settings: { ...SETTINGS, ...settings },
    });
    expect(decision).toMatchObject({ autoApproved: auto, steps, requiresRequesterConfirmation: confirm });
    expect(decision.why).toMatch(/\.$/);
  });

  it("explains in plain words who approves and why", () => {
    const decision = approvalPolicy({
      change: change("computeType"),
      costDelta: money(12_000),
      requester: requester(),
      settings: SETTINGS,
    });
    expect(decision.why).toBe(
      "It adds $120.00 a month, more than the $100.00 that needs an admin's approval. Your manager approves first, then an admin.",
    );
    const noManager = approvalPolicy({
      change: change("volumes"),
      costDelta: money(500),
      requester: requester({ managerId: null }),
      settings: SETTINGS,
    });
    expect(noManager.why).toContain("No manager is recorded for you, so an admin approves it.");
  });
});

describe("approvalPolicy for requests a portal job raised", () => {
  const reclaim = (settings: Partial<PolicySettings>, delta: number | null) =>
    approvalPolicy({
      change: change("terminate"),
      costDelta: delta === null ? null : money(delta),
      requester: requester(),
      settings: { ...SETTINGS, ...settings },
      origin: "reclaim",
    });

  it("sends a reclaim to an admin alone, even when giving a WorkSpace back saves money", () => {
    const decision = reclaim({}, -3_500);
    expect(decision).toMatchObject({ autoApproved: false, steps: [ADMIN], requiresRequesterConfirmation: true });
    expect(decision.why).toContain("an admin decides");
  });

  it("sends a reclaim to an admin even when the policy approves terminations automatically", () => {
    expect(reclaim({ autoApprovedChangeTypes: ["terminate"] }, 0)).toMatchObject({ autoApproved: false, steps: [ADMIN] });
    expect(reclaim({ alwaysNeedApprovalChangeTypes: ["terminate"] }, null).steps).toEqual([ADMIN]);
  });

  it("lets the optimizer's requests follow the policy like anyone's", () => {
    const input = { change: change("runningMode"), requester: requester(), settings: SETTINGS, origin: "optimizer" as const };
    expect(approvalPolicy({ ...input, costDelta: money(-500) })).toMatchObject({ autoApproved: true, steps: [] });
    expect(approvalPolicy({ ...input, costDelta: money(500) })).toMatchObject({ autoApproved: false, steps: [MANAGER] });
  });
});

describe("pendingApprovalStatus", () => {
  const requestedAt = new Date("2026-11-01T00:00:00Z");
  const at = (days: number, minutes = 0) => new Date(requestedAt.getTime() + days * 86_400_000 + minutes * 60_000);
  it.each([
    { now: at(2, 1439), status: "WAITING" },
    { now: at(3), status: "ESCALATE" },
    { now: at(13, 1439), status: "ESCALATE" },
    { now: at(14), status: "EXPIRED" },
  ])("after $now → $status", ({ now, status }) => {
    expect(pendingApprovalStatus(requestedAt, now, { escalationDays: 3, expiryDays: 14 })).toBe(status);
  });
});

describe("policySettingsSchema", () => {
  it("accepts the defaults", () => {
    expect(policySettingsSchema.safeParse(DEFAULT_POLICY_SETTINGS).success).toBe(true);
    expect(DEFAULT_POLICY_SETTINGS.autoApprovedChangeTypes).toEqual(["reboot", "start", "stop"]);
    expect(DEFAULT_POLICY_SETTINGS.expectedAutoStopHoursPerMonth).toBe(80);
  });
  it.each([
    { name: "admin threshold below manager threshold", patch: { managerThresholdCents: 5_000, adminThresholdCents: 1_000 } },
    { name: "expiry before escalation", patch: { escalationDays: 7, expiryDays: 7 } },
    { name: "unknown change type", patch: { autoApprovedChangeTypes: ["format-c"] } },
    { name: "negative threshold", patch: { managerThresholdCents: -1 } },
    { name: "more AutoStop hours than a month has", patch: { expectedAutoStopHoursPerMonth: 745 } },
  ])("refuses $name", ({ patch }) => {
    expect(policySettingsSchema.safeParse({ ...DEFAULT_POLICY_SETTINGS, ...patch }).success).toBe(false);
  });
});
