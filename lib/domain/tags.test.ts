import { describe, expect, it } from "vitest";
import { policySettingsSchema, tagPolicySchema } from "./schemas";
import { DEFAULT_POLICY_SETTINGS } from "./settings";
import {
  DEFAULT_TAG_POLICY,
  mayEditTagKey,
  resourceTagRefusals,
  tagEditPermissionRefusals,
  tagPolicyKeyRefusal,
  tagPolicyOf,
  tagsEdit,
  tagValidationPolicy,
} from "./tags";
import { codesOf } from "./testing/codes";
import { context, requester, workspace } from "./testing/fixtures";
import type { Tag } from "./types";
import { validateChange } from "./validate";
import { tagRefusals } from "./validate/tags";

const refusalCodes = (refusals: readonly { code: string }[]) => refusals.map((refusal) => refusal.code).sort();
const policy = { employeeEditableKeys: ["Project", "Owner"], requiredKeys: ["CostCenter"] };
const tagsOf = (count: number, prefix = "Key"): Tag[] => Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: "v" }));

describe("mayEditTagKey", () => {
  it.each([
    { role: "EMPLOYEE", key: "Project", may: true },
    { role: "EMPLOYEE", key: "CostCenter", may: false },
    { role: "EMPLOYEE", key: "project", may: false }, // tag keys are case-sensitive
    { role: "MANAGER", key: "Owner", may: true },
    { role: "MANAGER", key: "CostCenter", may: false },
    { role: "ADMIN", key: "CostCenter", may: true },
    { role: "ADMIN", key: "aws:createdBy", may: false },
    { role: "ADMIN", key: "portal:request-id", may: false },
  ] as const)("$role edits $key → $may", ({ role, key, may }) => {
    expect(mayEditTagKey(role, key, policy)).toBe(may);
  });
});

describe("tagEditPermissionRefusals", () => {
  const rows: { name: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN"; set?: Tag[]; remove?: string[]; codes: string[] }[] = [
    { name: "employee sets an allowed key", role: "EMPLOYEE", set: [{ key: "Project", value: "Apollo" }], codes: [] },
    { name: "employee removes an allowed key", role: "EMPLOYEE", remove: ["Owner"], codes: [] },
    {
      name: "employee sets a key not allowed",
      role: "EMPLOYEE",
      set: [{ key: "CostCenter", value: "CC-1" }],
      codes: ["TAG_KEY_NOT_EDITABLE"],
    },
    { name: "employee removes a key not allowed", role: "EMPLOYEE", remove: ["Team"], codes: ["TAG_KEY_NOT_EDITABLE"] },
    { name: "manager is bound like an employee", role: "MANAGER", set: [{ key: "Team", value: "x" }], codes: ["TAG_KEY_NOT_EDITABLE"] },
    { name: "admin sets any key", role: "ADMIN", set: [{ key: "CostCenter", value: "CC-1" }], remove: ["Team"], codes: [] },
    // The reserved keys have their own refusal in validateTags; no second one here.
    { name: "employee touches the portal's key", role: "EMPLOYEE", remove: ["portal:request-id"], codes: [] },
  ];
  it.each(rows)("$name → $codes", ({ role, set, remove, codes }) => {
    expect(refusalCodes(tagEditPermissionRefusals(role, { set: set ?? [], remove: remove ?? [] }, policy))).toEqual(codes);
  });

  it("names the refused keys and the keys the person may edit", () => {
    const [refusal] = tagEditPermissionRefusals("EMPLOYEE", { set: [{ key: "CostCenter", value: "1" }], remove: ["Team"] }, policy);
    expect(refusal?.message).toBe('Only an admin can change the tags "CostCenter" and "Team". You may edit "Project" and "Owner".');
    const [none] = tagEditPermissionRefusals("EMPLOYEE", { set: [{ key: "Project", value: "1" }], remove: [] }, DEFAULT_TAG_POLICY);
    expect(none?.message).toBe('Only an admin can change the tag "Project". No tags are open to you for editing.');
  });
});

describe("validateChange: a person's tag edit follows the policy", () => {
  const ws = workspace({
    tags: [
      { key: "portal:request-id", value: "req-1" },
      { key: "CostCenter", value: "CC-1" },
      { key: "Project", value: "Apollo" },
    ],
  });
  const rows: { name: string; role: "EMPLOYEE" | "ADMIN"; set?: Tag[]; remove?: string[]; codes: string[] }[] = [
    { name: "employee renames the project", role: "EMPLOYEE", set: [{ key: "Project", value: "Gemini" }], codes: [] },
    {
      name: "employee changes the cost centre",
      role: "EMPLOYEE",
      set: [{ key: "CostCenter", value: "CC-2" }],
      codes: ["TAG_KEY_NOT_EDITABLE"],
    },
    { name: "admin changes the cost centre", role: "ADMIN", set: [{ key: "CostCenter", value: "CC-2" }], codes: [] },
    { name: "admin removes the required cost centre", role: "ADMIN", remove: ["CostCenter"], codes: ["TAG_REQUIRED_MISSING"] },
    {
      name: "admin empties the required cost centre",
      role: "ADMIN",
      set: [{ key: "CostCenter", value: " " }],
      codes: ["TAG_REQUIRED_EMPTY", "TAG_SPACES"],
    },
    { name: "employee sets a value with a comma", role: "EMPLOYEE", set: [{ key: "Project", value: "a,b" }], codes: ["TAG_CHARACTERS"] },
    { name: "employee adds an allowed key not set yet", role: "EMPLOYEE", set: [{ key: "Owner", value: "alice" }], codes: [] },
  ];
  it.each(rows)("$name → $codes", ({ role, set, remove, codes }) => {
    const ctx = context({ workspace: ws, requester: requester({ role }), policy: tagValidationPolicy(policy) });
    expect(codesOf(validateChange(ctx, { type: "tags", workspaceId: ws.id, set: set ?? [], remove: remove ?? [] })).sort()).toEqual(
      [...codes].sort(),
    );
  });

  it("refuses every key to employees when the policy opens none (the default)", () => {
    const ctx = context({ workspace: ws, requester: requester({ role: "EMPLOYEE" }) });
    expect(codesOf(validateChange(ctx, { type: "tags", workspaceId: ws.id, set: [{ key: "Project", value: "x" }], remove: [] }))).toEqual([
      "TAG_KEY_NOT_EDITABLE",
    ]);
  });
});

describe("required tags on a new WorkSpace", () => {
  it.each([
    { name: "present with a value", tags: [{ key: "CostCenter", value: "CC-1" }], codes: [] },
    { name: "missing", tags: [], codes: ["TAG_REQUIRED_MISSING"] },
    { name: "present but empty", tags: [{ key: "CostCenter", value: "" }], codes: ["TAG_REQUIRED_EMPTY"] },
    { name: "in another case", tags: [{ key: "costcenter", value: "CC-1" }], codes: ["TAG_REQUIRED_MISSING"] },
  ])("$name → $codes", ({ tags, codes }) => {
    expect(refusalCodes(tagRefusals(tags, { requiredKeys: ["CostCenter"] }))).toEqual(codes);
  });
});

describe("tagsEdit", () => {
  const current: Tag[] = [
    { key: "A", value: "1" },
    { key: "B", value: "2" },
    { key: "C", value: "3" },
  ];
  it("sets new and changed keys and removes the ones gone", () => {
    expect(
      tagsEdit(current, [
        { key: "A", value: "1" },
        { key: "B", value: "20" },
        { key: "D", value: "4" },
      ]),
    ).toEqual({
      set: [
        { key: "B", value: "20" },
        { key: "D", value: "4" },
      ],
      remove: ["C"],
    });
  });
  it("leaves keys the person may not edit as they are", () => {
    expect(tagsEdit(current, [{ key: "B", value: "20" }], (key) => key === "B")).toEqual({ set: [{ key: "B", value: "20" }], remove: [] });
  });
  it("is empty when nothing changed", () => {
    expect(tagsEdit(current, current)).toEqual({ set: [], remove: [] });
  });
});

describe("resourceTagRefusals (bundles and IP groups)", () => {
  it.each([
    { name: "a cost centre", current: [], set: [{ key: "CostCenter", value: "CC-1" }], remove: [], codes: [] },
    { name: "50 tags in all", current: tagsOf(49), set: [{ key: "Last", value: "x" }], remove: [], codes: [] },
    { name: "51 tags in all", current: tagsOf(50), set: [{ key: "Last", value: "x" }], remove: [], codes: ["TAG_LIMIT"] },
    { name: "51 minus one removed", current: tagsOf(50), set: [{ key: "Last", value: "x" }], remove: ["Key0"], codes: [] },
    { name: "replacing a value does not count twice", current: tagsOf(50), set: [{ key: "Key3", value: "y" }], remove: [], codes: [] },
    { name: "an aws: key", current: [], set: [{ key: "aws:team", value: "x" }], remove: [], codes: ["TAG_RESERVED_PREFIX"] },
    {
      name: "removing an aws: key",
      current: [{ key: "aws:cloudformation:stack-name", value: "s" }],
      set: [],
      remove: ["aws:cloudformation:stack-name"],
      codes: ["TAG_RESERVED_PREFIX"],
    },
    {
      name: "an existing aws: key is not judged again",
      current: [{ key: "aws:x", value: "s" }],
      set: [{ key: "Team", value: "IT" }],
      remove: [],
      codes: [],
    },
    { name: "a 128-character key", current: [], set: [{ key: "k".repeat(128), value: "" }], remove: [], codes: ["TAG_KEY_TOO_LONG"] },
    { name: "a 256-character value", current: [], set: [{ key: "k", value: "v".repeat(256) }], remove: [], codes: ["TAG_VALUE_TOO_LONG"] },
    { name: "nothing", current: [], set: [], remove: [], codes: ["TAG_NO_CHANGE"] },
  ])("$name → $codes", ({ current, set, remove, codes }) => {
    expect(refusalCodes(resourceTagRefusals(current, { set, remove }))).toEqual(codes);
  });
});

describe("the tag policy", () => {
  it("is empty in policies saved before it existed", () => {
    const stored = policySettingsSchema.parse(DEFAULT_POLICY_SETTINGS);
    expect(stored.tags).toBeUndefined();
    expect(tagPolicyOf(stored)).toEqual({ employeeEditableKeys: [], requiredKeys: [] });
  });

  it("parses inside the policy", () => {
    expect(policySettingsSchema.parse({ ...DEFAULT_POLICY_SETTINGS, tags: policy }).tags).toEqual(policy);
  });

  it.each([
    { name: "an aws: key", keys: ["aws:cost"], message: /reserved for AWS/ },
    { name: "the portal's key", keys: ["portal:request-id"], message: /managed by the portal/ },
    { name: "a comma", keys: ["Cost,Center"], message: /not allowed/ },
    { name: "a key twice", keys: ["Project", "Project"], message: /named twice/ },
    { name: "an empty key", keys: [""], message: /needs a name/ },
    { name: "50 keys", keys: tagsOf(50).map((t) => t.key), message: /at most 49/ },
  ])("refuses $name", ({ keys, message }) => {
    const parsed = tagPolicySchema.safeParse({ employeeEditableKeys: [], requiredKeys: keys });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
  });

  it("judges a key by AWS's rules", () => {
    expect(tagPolicyKeyRefusal("CostCenter")).toBeNull();
    expect(tagPolicyKeyRefusal("Kostenstelle Zürich")).toBeNull();
    expect(tagPolicyKeyRefusal(" CostCenter")?.code).toBe("TAG_SPACES");
  });
});
