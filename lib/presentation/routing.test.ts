import { describe, expect, it } from "vitest";
import { isWaitingFor } from "./routing";

const managerStep = (approverId: string) => ({ requesterId: "alice", approvalSteps: [{ role: "MANAGER", approverId }, { role: "ADMIN" }], currentStep: 0, escalatedAt: null });

describe("isWaitingFor", () => {
  it("routes a manager step to that manager and their delegates only", () => {
    expect(isWaitingFor(managerStep("bob"), { id: "bob", isAdmin: false, delegatorIds: [] })).toBe(true);
    expect(isWaitingFor(managerStep("bob"), { id: "frank", isAdmin: false, delegatorIds: [] })).toBe(false);
    expect(isWaitingFor(managerStep("bob"), { id: "frank", isAdmin: false, delegatorIds: ["bob"] })).toBe(true);
    expect(isWaitingFor(managerStep("bob"), { id: "carol", isAdmin: true, delegatorIds: [] })).toBe(false);
  });

  it("routes admin steps and escalated requests to admins", () => {
    expect(isWaitingFor({ ...managerStep("bob"), currentStep: 1 }, { id: "carol", isAdmin: true, delegatorIds: [] })).toBe(true);
    expect(isWaitingFor({ ...managerStep("bob"), escalatedAt: new Date() }, { id: "carol", isAdmin: true, delegatorIds: [] })).toBe(true);
  });

  it("never asks requesters to decide their own request", () => {
    expect(isWaitingFor({ ...managerStep("alice") }, { id: "alice", isAdmin: true, delegatorIds: [] })).toBe(false);
  });
});
