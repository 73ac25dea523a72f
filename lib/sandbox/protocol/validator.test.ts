import { describe, expect, it } from "vitest";
import { models } from "./model";
import { validateShape, validationMessage } from "./validator";

const ws = models.workspaces;
const ds = models.ds;

describe("model validator", () => {
  it("reports missing required members with AWS's wording and member path", () => {
    const v = validateShape(ws, "CreateWorkspacesRequest", { Workspaces: [{ UserName: "alice", BundleId: "wsb-123456789" }] });
    expect(v.map((x) => x.message)).toEqual([
      "Value null at 'workspaces.1.member.directoryId' failed to satisfy constraint: Member must not be null",
    ]);
    expect(validationMessage(v)).toMatch(/^1 validation error detected: /);
  });

  it("checks enums, patterns, lengths, list sizes and integer ranges", () => {
    const v = validateShape(ws, "DescribeWorkspacesRequest", { WorkspaceIds: ["nope"], Limit: 0, UserName: "" });
    const text = v.map((x) => x.message).join("\n");
    expect(text).toContain("regular expression pattern");
    expect(text).toContain("value greater than or equal to 1");
    expect(text).toContain("length greater than or equal to 1");
    expect(
      validateShape(ws, "ModifyWorkspaceStateRequest", { WorkspaceId: "ws-123456789", WorkspaceState: "STOPPED" })[0]?.message,
    ).toContain("enum value set");
  });

  it("flags wrong JSON types as serialization problems", () => {
    expect(validateShape(ws, "DescribeWorkspacesRequest", { Limit: "5" })[0]?.kind).toBe("serialization");
    expect(validateShape(ws, "DescribeWorkspacesRequest", { WorkspaceIds: "ws-123456789" })[0]?.kind).toBe("serialization");
  });

  it("handles Java-only regex classes from the Directory Service model", () => {
    const ok = validateShape(ds, "RadiusSettings", { SharedSecret: "abc-DEF_123!" });
    expect(ok).toEqual([]);
    expect(validateShape(ds, "RadiusSettings", { SharedSecret: "tab\tinside" })).toHaveLength(1);
  });

  it("accepts a valid output shape", () => {
    expect(validateShape(ws, "DescribeTagsResult", { TagList: [{ Key: "a", Value: "b" }] })).toEqual([]);
    expect(validateShape(ws, "DescribeTagsResult", { TagList: [{ Value: "b" }] })).toHaveLength(1);
  });
});
