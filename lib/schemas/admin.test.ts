import { describe, expect, it } from "vitest";
import { PORTAL_REQUEST_TAG_KEY } from "../domain";
import { bulkParamsSchema, createIpGroupInput } from "./admin";

const bulkTags = (key: string) => bulkParamsSchema.safeParse({ action: "tags", tags: [{ key, value: "x" }] });

describe("bulk tags", () => {
  it.each([
    { key: PORTAL_REQUEST_TAG_KEY, message: 'The tag "portal:request-id" is managed by the portal and cannot be set or changed.' },
    { key: ` ${PORTAL_REQUEST_TAG_KEY} `, message: 'The tag "portal:request-id" is managed by the portal and cannot be set or changed.' },
    { key: "aws:owner", message: 'Tag names starting with "aws:" are reserved for AWS; choose another name than "aws:owner".' },
    { key: "AWS:Owner", message: 'Tag names starting with "aws:" are reserved for AWS; choose another name than "AWS:Owner".' },
  ])("refuses the reserved key $key", ({ key, message }) => {
    const parsed = bulkTags(key);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it.each(["CostCenter", "Portal:Request-Id", "portal:owner"])("accepts %s", (key) => {
    expect(bulkTags(key).success).toBe(true);
  });

  it("applies the same rule to the tags of a new IP access control group", () => {
    const parsed = createIpGroupInput.safeParse({
      region: "us-east-1",
      name: "Office",
      rules: [],
      tags: [{ key: PORTAL_REQUEST_TAG_KEY, value: "x" }],
    });
    expect(parsed.success).toBe(false);
  });
});
