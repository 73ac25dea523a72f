import { describe, expect, it } from "vitest";
import {
  associateRefusal,
  connectionStringProblem,
  deleteRefusal,
  primaryRegion,
  readPrimaryChoices,
  redirectionGaps,
  sameConnectionString,
  type AliasMember,
} from "./aliases";

describe("connection strings", () => {
  it.each([
    ["desktop.example.com", undefined],
    ["desktop.example.com.", undefined],
    ["a-b.c9.example.org", undefined],
    ["", "Enter the name"],
    ["desktop", "with a dot"],
    ["desk..example.com", "two dots"],
    [".example.com", "two dots"],
    ["-desk.example.com", "hyphen"],
    ["desk-.example.com", "hyphen"],
    ["desk_top.example.com", "Use only letters"],
    ["https://desktop.example.com", "Use only letters"],
    ["example.123", "only digits"],
    [`${"a".repeat(64)}.example.com`, "63 characters"],
    [`${"a.".repeat(128)}com`, "255 characters"],
  ])("%s", (value, problem) => {
    const found = connectionStringProblem(value);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it("compares without case or a trailing dot", () => {
    expect(sameConnectionString("Desktop.Example.com.", "desktop.example.com")).toBe(true);
    expect(sameConnectionString("desktop.example.com", "desktop.example.org")).toBe(false);
  });
});

const m = (region: string, extra: Partial<AliasMember> = {}): AliasMember => ({ region, state: "CREATED", ...extra });
const ready = (region: string) => m(region, { directoryId: "d-1234567890", associationStatus: "ASSOCIATED_WITH_OWNER_ACCOUNT" });

describe("the primary Region", () => {
  it.each([
    { members: [m("eu-west-1"), m("us-east-1")], chosen: "eu-west-1", expected: { region: "eu-west-1", chosenBy: "admin" } },
    { members: [m("eu-west-1"), m("us-east-1")], chosen: undefined, expected: { region: "us-east-1", chosenBy: "default" } },
    // The chosen Region no longer has the alias: the default applies again.
    { members: [m("eu-west-1"), m("us-east-1")], chosen: "ap-southeast-2", expected: { region: "us-east-1", chosenBy: "default" } },
    {
      members: [m("eu-west-1"), m("us-east-1", { state: "DELETING" })],
      chosen: "us-east-1",
      expected: { region: "eu-west-1", chosenBy: "default" },
    },
    { members: [m("eu-west-1"), m("ap-southeast-2")], chosen: undefined, expected: { region: "ap-southeast-2", chosenBy: "default" } },
    { members: [], chosen: "us-east-1", expected: undefined },
  ])("$chosen of $members.length", ({ members, chosen, expected }) => {
    expect(primaryRegion(members, chosen, "us-east-1")).toEqual(expected);
  });
});

describe("what redirection still needs", () => {
  it("is ready with two Regions each associated", () => {
    expect(redirectionGaps("desktop.example.com", [ready("us-east-1"), ready("eu-west-1")])).toEqual([]);
  });
  it("names each missing step", () => {
    expect(redirectionGaps("desktop.example.com", [m("us-east-1", { state: "CREATING" })])).toEqual([
      "Create desktop.example.com in a second Region as well, so people can be sent there when the first one fails.",
      "AWS is still creating the alias in us-east-1.",
    ]);
    expect(
      redirectionGaps("desktop.example.com", [
        m("us-east-1"),
        m("eu-west-1", { directoryId: "d-1", associationStatus: "PENDING_ASSOCIATION" }),
      ]),
    ).toEqual([
      "Associate the alias in us-east-1 with a directory of that Region.",
      "AWS is still changing the alias's directory in eu-west-1.",
    ]);
  });
});

describe("what an alias allows", () => {
  it("associates only a created alias without a directory", () => {
    expect(associateRefusal(m("us-east-1"))).toBeUndefined();
    expect(associateRefusal(m("us-east-1", { state: "CREATING" }))).toContain("still creating");
    expect(associateRefusal(ready("us-east-1"))).toContain("disassociate it first");
  });
  it("deletes only an alias that is neither associated nor shared", () => {
    expect(deleteRefusal(m("us-east-1"))).toBeUndefined();
    expect(deleteRefusal(ready("us-east-1"), "corp.example.com")).toBe(
      "This alias is still associated with corp.example.com. Disassociate it first, then delete it.",
    );
    expect(deleteRefusal(m("us-east-1", { sharedWith: ["210987654321"] }))).toContain("shared with 210987654321");
    expect(deleteRefusal(m("us-east-1", { state: "DELETING" }))).toContain("already being deleted");
  });
});

describe("the stored primary choices", () => {
  it("keeps readable entries and leaves out anything else", () => {
    expect(readPrimaryChoices({ "Desktop.example.com": "eu-west-1", "x.example.com": 3, "y.example.com": "nowhere" })).toEqual({
      "desktop.example.com": "eu-west-1",
    });
    expect(readPrimaryChoices(null)).toEqual({});
    expect(readPrimaryChoices(["eu-west-1"])).toEqual({});
  });
});
