import {
  DescribeDirectoriesCommand,
  DisableRadiusCommand,
  EnableRadiusCommand,
  GetDirectoryLimitsCommand,
  ResetUserPasswordCommand,
  UpdateRadiusCommand,
  type RadiusSettings,
} from "@aws-sdk/client-directory-service";
import { beforeAll, describe, expect, it } from "vitest";
import { awsError, awsErrorName, lookupSeed, sandboxPerFile, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

const radius: RadiusSettings = {
  RadiusServers: ["10.9.0.5"],
  RadiusPort: 1812,
  RadiusTimeout: 5,
  RadiusRetries: 2,
  SharedSecret: "s3cret-shared!",
  AuthenticationProtocol: "PAP",
  DisplayLabel: "MFA",
  UseSameUsername: true,
};

describe("Directory Service", () => {
  it("describes the three persona directories, with RADIUS on the employees' connector", async () => {
    const out = await t.ds().send(new DescribeDirectoriesCommand({}));
    const byId = Object.fromEntries(out.DirectoryDescriptions!.map((d) => [d.DirectoryId, d]));
    expect(byId[seed.employees]).toMatchObject({ Type: "ADConnector", RadiusStatus: "Completed", Stage: "Active" });
    expect(byId[seed.employees]?.RadiusSettings?.SharedSecret).toBeUndefined();
    expect(byId[seed.contractors]?.RadiusStatus).toBeUndefined();
    expect(byId[seed.labs]?.Type).toBe("SimpleAD");
    const eu = await t.ds("eu-west-1").send(new DescribeDirectoriesCommand({}));
    expect(eu.DirectoryDescriptions!.map((d) => d.DirectoryId)).not.toContain(seed.employees);
    const paged = await t.ds().send(new DescribeDirectoriesCommand({ Limit: 2 }));
    expect(paged.DirectoryDescriptions).toHaveLength(2);
    expect((await t.ds().send(new DescribeDirectoriesCommand({ NextToken: paged.NextToken }))).DirectoryDescriptions).toHaveLength(1);
    expect(await awsErrorName(t.ds().send(new DescribeDirectoriesCommand({ NextToken: "junk" })))).toBe("InvalidNextTokenException");
    expect(await awsErrorName(t.ds().send(new DescribeDirectoriesCommand({ DirectoryIds: ["d-0000000000"] })))).toBe(
      "EntityDoesNotExistException",
    );
  });

  it("resets passwords on Simple AD with AD complexity rules", async () => {
    await t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.labs, UserName: "alice", NewPassword: "Winter-2026-ok" }));
    const weak = await awsError(
      t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.labs, UserName: "alice", NewPassword: "password" })),
    );
    expect(weak.name).toBe("InvalidPasswordException");
    expect(weak.message).toMatch(/three/);
    expect(
      await awsErrorName(
        t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.labs, UserName: "alice", NewPassword: "Alice-2026-x" })),
      ),
    ).toBe("InvalidPasswordException");
    expect(
      await awsErrorName(
        t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.labs, UserName: "nobody", NewPassword: "Winter-2026-ok" })),
      ),
    ).toBe("UserDoesNotExistException");
    expect(
      await awsErrorName(
        t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.labs, UserName: "Administrator", NewPassword: "Winter-2026-ok" })),
      ),
    ).toBe("ClientException");
    expect(
      await awsErrorName(
        t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.employees, UserName: "alice", NewPassword: "Winter-2026-ok" })),
      ),
    ).toBe("UnsupportedOperationException");
    expect(
      await awsErrorName(
        t.ds().send(new ResetUserPasswordCommand({ DirectoryId: "d-0000000000", UserName: "alice", NewPassword: "Winter-2026-ok" })),
      ),
    ).toBe("EntityDoesNotExistException");
    expect(
      await awsErrorName(
        t.ds().send(new ResetUserPasswordCommand({ DirectoryId: seed.labs, UserName: "bad/name", NewPassword: "Winter-2026-ok" })),
      ),
    ).toBe("ValidationException");
  });

  it("enables, updates and disables RADIUS on an AD Connector", async () => {
    await t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: radius }));
    let dir = (await t.ds().send(new DescribeDirectoriesCommand({ DirectoryIds: [seed.contractors] }))).DirectoryDescriptions![0]!;
    expect(dir.RadiusStatus).toBe("Creating");
    t.sandbox.advance(3);
    dir = (await t.ds().send(new DescribeDirectoriesCommand({ DirectoryIds: [seed.contractors] }))).DirectoryDescriptions![0]!;
    expect(dir.RadiusStatus).toBe("Completed");
    expect(await awsErrorName(t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: radius })))).toBe(
      "EntityAlreadyExistsException",
    );
    await t.ds().send(new UpdateRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, RadiusTimeout: 10 } }));
    t.sandbox.advance(3);
    dir = (await t.ds().send(new DescribeDirectoriesCommand({ DirectoryIds: [seed.contractors] }))).DirectoryDescriptions![0]!;
    expect(dir.RadiusSettings?.RadiusTimeout).toBe(10);
    await t.ds().send(new DisableRadiusCommand({ DirectoryId: seed.contractors }));
    dir = (await t.ds().send(new DescribeDirectoriesCommand({ DirectoryIds: [seed.contractors] }))).DirectoryDescriptions![0]!;
    expect(dir.RadiusSettings).toBeUndefined();
  });

  it("refuses RADIUS on Simple AD, incomplete settings, updates before enabling and unknown directories", async () => {
    expect(await awsErrorName(t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.labs, RadiusSettings: radius })))).toBe(
      "ClientException",
    );
    expect(
      await awsErrorName(
        t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { RadiusServers: ["10.0.0.1"] } })),
      ),
    ).toBe("InvalidParameterException");
    expect(
      await awsErrorName(
        t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, RadiusPort: 80 } })),
      ),
    ).toBe("ValidationException");
    expect(await awsErrorName(t.ds().send(new UpdateRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: radius })))).toBe(
      "ClientException",
    );
    expect(await awsErrorName(t.ds().send(new DisableRadiusCommand({ DirectoryId: "d-0000000000" })))).toBe("EntityDoesNotExistException");
    expect(await awsErrorName(t.ds().send(new UpdateRadiusCommand({ DirectoryId: "d-0000000000", RadiusSettings: radius })))).toBe(
      "EntityDoesNotExistException",
    );
  });

  it("reports directory limits", async () => {
    const out = await t.ds().send(new GetDirectoryLimitsCommand({}));
    expect(out.DirectoryLimits).toMatchObject({
      ConnectedDirectoriesCurrentCount: 2,
      CloudOnlyDirectoriesCurrentCount: 1,
      ConnectedDirectoriesLimitReached: false,
    });
  });
});
