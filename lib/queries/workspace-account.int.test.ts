import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_ID } from "@/lib/domain/accounts";
import { createTestWorld, type TestWorld } from "@/test/world";
import { workspaceAccountName } from "./workspace-account";

// A WorkSpace's page names its AWS account once the portal manages more than its own.
describe("the account line of a WorkSpace's page", () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await createTestWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("is absent while the portal manages only its own account", async () => {
    expect(await workspaceAccountName(undefined)).toBeNull();
    expect(await workspaceAccountName(DEFAULT_ACCOUNT_ID)).toBeNull();
  });

  it("names the main account and each configured one, and says so when one was removed", async () => {
    const branch = await world.database.prisma.awsAccount.create({
      data: {
        name: "Branch office",
        awsAccountId: "345678901234",
        roleArn: "arn:aws:iam::345678901234:role/WorkSpacesPortal",
        regions: ["us-east-1"],
      },
    });
    expect(await workspaceAccountName(DEFAULT_ACCOUNT_ID)).toBe("Main account");
    expect(await workspaceAccountName(branch.id)).toBe("Branch office");
    expect(await workspaceAccountName("an-old-account")).toBe("An account no longer configured");
  });
});
