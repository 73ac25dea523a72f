import { describe, expect, it } from "vitest";
import { accountIdOfRoleArn, DEFAULT_ACCOUNT_ID, EXTERNAL_ID, isDefaultAccount, REGION_NAME } from "./accounts";
import { DEFAULT_POLICY_SETTINGS, policyForAccount } from "./settings";
import { accountPolicyOverrideSchema } from "./schemas";

describe("AWS accounts", () => {
  it.each([
    ["arn:aws:iam::345678901234:role/WorkSpacesPortal", "345678901234"],
    ["arn:aws:iam::123456789012:role/portal/WorkSpaces-Portal+1", "123456789012"],
    ["arn:aws-us-gov:iam::123456789012:role/WorkSpacesPortal", "123456789012"],
    [" arn:aws:iam::123456789012:role/X ", "123456789012"],
    ["arn:aws:iam::12345678901:role/Short", undefined],
    ["arn:aws:iam::123456789012:user/alice", undefined],
    ["arn:aws:sts::123456789012:assumed-role/X/s", undefined],
    ["WorkSpacesPortal", undefined],
  ])("reads the account of %s", (arn, account) => {
    expect(accountIdOfRoleArn(arn)).toBe(account);
  });

  it("knows the environment's own account by its id or by none", () => {
    expect(isDefaultAccount(DEFAULT_ACCOUNT_ID)).toBe(true);
    expect(isDefaultAccount(undefined)).toBe(true);
    expect(isDefaultAccount("clx123")).toBe(false);
  });

  it("accepts external ids and Region names as AWS spells them", () => {
    expect(EXTERNAL_ID.test("sandbox-branch-office")).toBe(true);
    expect(EXTERNAL_ID.test("x")).toBe(false);
    expect(EXTERNAL_ID.test("has space")).toBe(false);
    for (const region of ["us-east-1", "eu-west-2", "ap-southeast-1", "us-gov-west-1"]) expect(REGION_NAME.test(region)).toBe(true);
    for (const region of ["useast1", "US-EAST-1", "us-east"]) expect(REGION_NAME.test(region)).toBe(false);
  });
});

describe("an account's own approval thresholds", () => {
  const policy = { ...DEFAULT_POLICY_SETTINGS, managerThresholdCents: 0, adminThresholdCents: 10_000 };

  it("follow the policy where the account has none", () => {
    expect(policyForAccount(policy, null)).toBe(policy);
    expect(policyForAccount(policy, {})).toEqual(policy);
  });

  it("replace the policy's thresholds and nothing else", () => {
    const merged = policyForAccount(policy, { managerThresholdCents: 2_500 });
    expect(merged).toEqual({ ...policy, managerThresholdCents: 2_500 });
  });

  it("never let the admin's threshold fall below the manager's", () => {
    expect(policyForAccount(policy, { managerThresholdCents: 50_000 }).adminThresholdCents).toBe(50_000);
    expect(accountPolicyOverrideSchema.safeParse({ managerThresholdCents: 5_000, adminThresholdCents: 100 }).success).toBe(false);
    expect(accountPolicyOverrideSchema.safeParse({ adminThresholdCents: 100 }).success).toBe(true);
    expect(accountPolicyOverrideSchema.safeParse({ other: 1 }).success).toBe(false);
  });
});
