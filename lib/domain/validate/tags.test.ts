import { describe, expect, it } from "vitest";
import { codesOf } from "../testing/codes";
import { context, workspace } from "../testing/fixtures";
import type { Tag } from "../types";
import { validateChange } from "./index";
import { applyTagsChange, reservedTagKeyRefusal, tagRefusals } from "./tags";

const tagsOf = (count: number): Tag[] => Array.from({ length: count }, (_, index) => ({ key: `Key${index}`, value: "v" }));

describe("tagRefusals", () => {
  const rows: { name: string; tags: Tag[]; reservedSlots?: number; requiredKeys?: string[]; codes: string[] }[] = [
    { name: "a cost centre tag", tags: [{ key: "CostCenter", value: "CC-42" }], codes: [] },
    { name: "all allowed punctuation", tags: [{ key: "team+area-x=y.z_1:2/3@corp", value: "a b+c-d=e.f_g:h/i@j" }], codes: [] },
    { name: "letters of other scripts", tags: [{ key: "Kostenstelle", value: "Außendienst Zürich 東京" }], codes: [] },
    { name: "empty value", tags: [{ key: "Project", value: "" }], codes: [] },
    { name: "50 tags", tags: tagsOf(50), codes: [] },
    { name: "51 tags", tags: tagsOf(51), codes: ["TAG_LIMIT"] },
    { name: "49 tags plus the portal's", tags: tagsOf(49), reservedSlots: 1, codes: [] },
    { name: "50 tags plus the portal's", tags: tagsOf(50), reservedSlots: 1, codes: ["TAG_LIMIT"] },
    { name: "key of 127 characters", tags: [{ key: "k".repeat(127), value: "" }], codes: [] },
    { name: "key of 128 characters", tags: [{ key: "k".repeat(128), value: "" }], codes: ["TAG_KEY_TOO_LONG"] },
    // 𝒜 is one letter but two UTF-16 units: the limit counts characters.
    { name: "key of 127 astral-plane letters", tags: [{ key: "𝒜".repeat(127), value: "" }], codes: [] },
    { name: "key of 128 astral-plane letters", tags: [{ key: "𝒜".repeat(128), value: "" }], codes: ["TAG_KEY_TOO_LONG"] },
    { name: "value of 255 characters", tags: [{ key: "k", value: "v".repeat(255) }], codes: [] },
    { name: "value of 256 characters", tags: [{ key: "k", value: "v".repeat(256) }], codes: ["TAG_VALUE_TOO_LONG"] },
    { name: "value of 255 accented characters", tags: [{ key: "k", value: "é".repeat(255) }], codes: [] },
    { name: "empty key", tags: [{ key: "", value: "x" }], codes: ["TAG_KEY_EMPTY"] },
    { name: "a comma", tags: [{ key: "Cost,Center", value: "x" }], codes: ["TAG_CHARACTERS"] },
    { name: "a hash in the value", tags: [{ key: "CostCenter", value: "#42" }], codes: ["TAG_CHARACTERS"] },
    { name: "leading space in key", tags: [{ key: " CostCenter", value: "x" }], codes: ["TAG_SPACES"] },
    { name: "trailing space in value", tags: [{ key: "CostCenter", value: "x " }], codes: ["TAG_SPACES"] },
    { name: "inner space", tags: [{ key: "Cost Center", value: "CC 42" }], codes: [] },
    { name: "aws: prefix", tags: [{ key: "aws:cost", value: "x" }], codes: ["TAG_RESERVED_PREFIX"] },
    { name: "AWS:workspaces: prefix in capitals", tags: [{ key: "AWS:workspaces:x", value: "x" }], codes: ["TAG_RESERVED_PREFIX"] },
    { name: "awsome is not reserved", tags: [{ key: "awsome", value: "x" }], codes: [] },
    { name: "the portal's own key", tags: [{ key: "portal:request-id", value: "x" }], codes: ["TAG_PORTAL_RESERVED"] },
    {
      name: "same key twice",
      tags: [
        { key: "CostCenter", value: "1" },
        { key: "CostCenter", value: "2" },
      ],
      codes: ["TAG_DUPLICATE_KEY"],
    },
    {
      name: "keys differing in case are different",
      tags: [
        { key: "CostCenter", value: "1" },
        { key: "costcenter", value: "2" },
      ],
      codes: [],
    },
    { name: "required key missing", tags: [{ key: "Project", value: "x" }], requiredKeys: ["CostCenter"], codes: ["TAG_REQUIRED_MISSING"] },
    { name: "required key present", tags: [{ key: "CostCenter", value: "x" }], requiredKeys: ["CostCenter"], codes: [] },
  ];
  it.each(rows)("$name → $codes", ({ tags, reservedSlots, requiredKeys, codes }) => {
    expect(
      tagRefusals(tags, { reservedSlots, requiredKeys })
        .map((refusal) => refusal.code)
        .sort(),
    ).toEqual(codes);
  });
});

describe("validateChange: tags", () => {
  // The default WorkSpace carries the portal's tag and CostCenter.
  const rows: { name: string; existing?: Tag[]; set?: Tag[]; remove?: string[]; required?: string[]; codes: string[] }[] = [
    { name: "change the cost centre", set: [{ key: "CostCenter", value: "CC-7" }], codes: [] },
    { name: "remove a tag", remove: ["CostCenter"], codes: [] },
    { name: "remove a required tag", remove: ["CostCenter"], required: ["CostCenter"], codes: ["TAG_REQUIRED_MISSING"] },
    { name: "touch the portal's tag", set: [{ key: "portal:request-id", value: "forged" }], codes: ["TAG_PORTAL_RESERVED"] },
    { name: "remove the portal's tag", remove: ["portal:request-id"], codes: ["TAG_PORTAL_RESERVED"] },
    { name: "nothing", codes: ["TAG_NO_CHANGE"] },
    { name: "48 more tags make 50 with the portal's", set: tagsOf(48), codes: [] },
    { name: "49 more tags make 51", set: tagsOf(49), codes: ["TAG_LIMIT"] },
    { name: "an invalid key", set: [{ key: "aws:x", value: "1" }], codes: ["TAG_RESERVED_PREFIX"] },
  ];
  it.each(rows)("$name → $codes", ({ existing, set, remove, required, codes }) => {
    // The employee may edit every key these rows touch, so only AWS's rules and the required keys are judged.
    const employeeEditableTagKeys = ["CostCenter", ...tagsOf(49).map((tag) => tag.key)];
    const ctx = context({
      workspace: workspace(existing ? { tags: existing } : {}),
      policy: { requiredTagKeys: required ?? [], employeeEditableTagKeys },
    });
    expect(codesOf(validateChange(ctx, { type: "tags", workspaceId: "ws-1", set: set ?? [], remove: remove ?? [] }))).toEqual(codes);
  });

  it("applies removals and replacements before checking", () => {
    const result = applyTagsChange(
      [
        { key: "A", value: "1" },
        { key: "B", value: "2" },
      ],
      { type: "tags", workspaceId: "ws-1", set: [{ key: "B", value: "3" }], remove: ["A"] },
    );
    expect(result).toEqual([{ key: "B", value: "3" }]);
  });
});

describe("reservedTagKeyRefusal", () => {
  it.each([
    { key: "aws:createdBy", code: "TAG_RESERVED_PREFIX" },
    { key: "AWS:Owner", code: "TAG_RESERVED_PREFIX" },
    { key: "portal:request-id", code: "TAG_PORTAL_RESERVED" },
    { key: "Portal:Request-Id", code: null },
    { key: "portal:request", code: null },
    { key: "CostCenter", code: null },
    { key: "team:aws", code: null },
  ])("$key → $code", ({ key, code }) => {
    expect(reservedTagKeyRefusal(key)?.code ?? null).toBe(code);
  });

  it("says why in plain words", () => {
    expect(reservedTagKeyRefusal("portal:request-id")?.message).toBe(
      'The tag "portal:request-id" is managed by the portal and cannot be set or changed.',
    );
  });
});
