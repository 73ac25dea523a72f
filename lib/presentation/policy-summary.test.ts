import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_SETTINGS, withApprovalRules } from "../domain/client";
import { costRuleSentence, formatDays, listChangeTypes, policySummary } from "./policy-summary";

describe("policySummary", () => {
  it("states the default policy in sentences", () => {
    expect(policySummary(DEFAULT_POLICY_SETTINGS)).toEqual([
      "Changes of every type are approved automatically unless they cost more.",
      "Any change that adds to the monthly cost needs the manager; one that adds more than $100.00 a month needs the manager and an admin.",
      "A change whose cost cannot be estimated needs the manager and an admin.",
      "Where there is no manager, or people ask for themselves as a manager, an admin approves in the manager's place.",
      "A request still undecided after 3 days is escalated to the admins; after 14 days it expires.",
    ]);
  });

  it("groups change types by their rule, strictest first", () => {
    const settings = withApprovalRules(
      { ...DEFAULT_POLICY_SETTINGS, managerThresholdCents: 2_000, adminThresholdCents: 15_000, escalationDays: 0.5, expiryDays: 1 },
      {
        computeType: "managerAndAdmin",
        rebuild: "manager",
        terminate: "manager",
        create: "managerAndAdmin",
      },
    );
    const lines = policySummary(settings);
    expect(lines[0]).toBe("New WorkSpaces and compute type changes always need the manager and an admin.");
    expect(lines[1]).toBe(
      "Rebuilds and requests to give a WorkSpace back always need the manager, " +
        "and an admin as well when they add more than $150.00 a month.",
    );
    expect(lines[2]).toMatch(
      /^Restarts, starts, stops, restores, .* are approved automatically unless they add more than \$20\.00 a month\.$/,
    );
    expect(lines[3]).toBe(
      "Any change that adds more than $20.00 a month needs the manager; " +
        "one that adds more than $150.00 a month needs the manager and an admin.",
    );
    expect(lines.at(-1)).toBe("A request still undecided after 12 hours is escalated to the admins; after 1 day it expires.");
  });

  it("leaves out a rule no change type has", () => {
    const lines = policySummary(withApprovalRules(DEFAULT_POLICY_SETTINGS, {}));
    expect(lines.some((l) => l.includes("always need"))).toBe(false);
  });
});

describe("the summary's parts", () => {
  it("lists change types as one phrase", () => {
    expect(listChangeTypes(["reboot"])).toBe("Restarts");
    expect(listChangeTypes(["reboot", "start", "stop"])).toBe("Restarts, starts and stops");
    expect(listChangeTypes(["create", "terminate"])).toBe("New WorkSpaces and requests to give a WorkSpace back");
  });

  it("states equal limits as one", () => {
    expect(costRuleSentence({ managerThresholdCents: 5_000, adminThresholdCents: 5_000 })).toBe(
      "Any change that adds more than $50.00 a month needs the manager and an admin.",
    );
  });

  it("reads fractions of a day as hours", () => {
    expect(formatDays(3)).toBe("3 days");
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(0.25)).toBe("6 hours");
    expect(formatDays(0.0012)).toBe("2 minutes");
    expect(formatDays(0.0001)).toBe("9 seconds");
  });
});
