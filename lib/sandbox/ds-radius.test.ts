import {
  DescribeDirectoriesCommand,
  DisableRadiusCommand,
  EnableRadiusCommand,
  UpdateRadiusCommand,
  type RadiusSettings,
} from "@aws-sdk/client-directory-service";
import { CreateWorkspacesCommand, DescribeWorkspacesCommand } from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsError, awsErrorName, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

// RADIUS (MFA) and volume encryption keys as the real SDK clients see them: the Directory Service model's
// limits, the documented refusals, the Creating → Completed / Failed status, a secret that never comes back,
// and CreateWorkspaces refusing encryption without a KMS key.

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

const SECRET = "Contract-test secret 42!";
const radius: RadiusSettings = {
  RadiusServers: ["10.9.0.5", "radius.corp.example.com"],
  RadiusPort: 1812,
  RadiusTimeout: 5,
  RadiusRetries: 2,
  SharedSecret: SECRET,
  AuthenticationProtocol: "MS-CHAPv2",
  DisplayLabel: "Corp MFA",
  UseSameUsername: true,
};

async function described(directoryId: string) {
  const out = await t.ds().send(new DescribeDirectoriesCommand({ DirectoryIds: [directoryId] }));
  return out.DirectoryDescriptions![0]!;
}

describe("RADIUS settings", () => {
  it("turns on as Creating, settles to Completed, and never returns the shared secret", async () => {
    await t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: radius }));
    let dir = await described(seed.contractors);
    expect(dir.RadiusStatus).toBe("Creating");
    const { SharedSecret: _secret, ...shown } = radius;
    expect(dir.RadiusSettings).toEqual(shown);
    t.sandbox.advance(3);
    dir = await described(seed.contractors);
    expect(dir.RadiusStatus).toBe("Completed");
    expect(JSON.stringify(await t.ds().send(new DescribeDirectoriesCommand({})))).not.toContain(SECRET);

    // An update may leave the secret out (the model requires it only to enable); it starts over as Creating.
    await t.ds().send(
      new UpdateRadiusCommand({
        DirectoryId: seed.contractors,
        RadiusSettings: { ...shown, RadiusServers: ["10.9.0.6"], RadiusRetries: 4 },
      }),
    );
    dir = await described(seed.contractors);
    expect(dir).toMatchObject({ RadiusStatus: "Creating", RadiusSettings: { RadiusServers: ["10.9.0.6"], RadiusRetries: 4 } });
    t.sandbox.advance(3);
    expect((await described(seed.contractors)).RadiusStatus).toBe("Completed");

    await t.ds().send(new DisableRadiusCommand({ DirectoryId: seed.contractors }));
    dir = await described(seed.contractors);
    expect(dir.RadiusSettings).toBeUndefined();
    expect(dir.RadiusStatus).toBeUndefined();
    // Turning off what is off already succeeds.
    await t.ds().send(new DisableRadiusCommand({ DirectoryId: seed.contractors }));
  });

  it("ends in Failed when no RADIUS server can be reached", async () => {
    await t
      .ds()
      .send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, RadiusServers: ["192.0.2.10"] } }));
    t.sandbox.advance(3);
    expect((await described(seed.contractors)).RadiusStatus).toBe("Failed");
    await t.ds().send(new UpdateRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, SharedSecret: undefined } }));
    t.sandbox.advance(3);
    expect((await described(seed.contractors)).RadiusStatus).toBe("Completed");
    await t.ds().send(new DisableRadiusCommand({ DirectoryId: seed.contractors }));
  });

  it.each<[string, Partial<RadiusSettings>]>([
    ["a port below 1025", { RadiusPort: 80 }],
    ["a timeout above 20 seconds", { RadiusTimeout: 21 }],
    ["more than 10 retries", { RadiusRetries: 11 }],
    ["a protocol outside the enum", { AuthenticationProtocol: "EAP" as RadiusSettings["AuthenticationProtocol"] }],
    ["a label over 64 characters", { DisplayLabel: "x".repeat(65) }],
    ["a server name over 256 characters", { RadiusServers: ["a".repeat(257)] }],
  ])("refuses %s with ValidationException", async (_what, patch) => {
    expect(
      await awsErrorName(t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, ...patch } }))),
    ).toBe("ValidationException");
  });

  it("refuses a short or malformed secret without repeating it", async () => {
    for (const secret of ["short1!", "tab\tinside-secret"]) {
      const error = await awsError(
        t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, SharedSecret: secret } })),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.message).toContain("radiusSettings.sharedSecret");
      expect(error.message).not.toContain(secret);
    }
  });

  it("refuses missing settings, bad or repeated servers, Simple AD, a second enable and an update before enabling", async () => {
    const { SharedSecret: _s, ...noSecret } = radius;
    const cases: [Promise<unknown>, string][] = [
      [t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: noSecret })), "InvalidParameterException"],
      [
        t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, RadiusServers: [] } })),
        "InvalidParameterException",
      ],
      [
        t
          .ds()
          .send(new EnableRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: { ...radius, RadiusServers: ["not a host"] } })),
        "InvalidParameterException",
      ],
      [
        t.ds().send(
          new EnableRadiusCommand({
            DirectoryId: seed.contractors,
            RadiusSettings: { ...radius, RadiusServers: ["10.0.0.1", "10.0.0.1"] },
          }),
        ),
        "InvalidParameterException",
      ],
      [t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.labs, RadiusSettings: radius })), "ClientException"],
      [t.ds().send(new DisableRadiusCommand({ DirectoryId: seed.labs })), "ClientException"],
      [t.ds().send(new UpdateRadiusCommand({ DirectoryId: seed.contractors, RadiusSettings: radius })), "ClientException"],
      [t.ds().send(new EnableRadiusCommand({ DirectoryId: seed.employees, RadiusSettings: radius })), "EntityAlreadyExistsException"],
      [t.ds().send(new EnableRadiusCommand({ DirectoryId: "d-0000000000", RadiusSettings: radius })), "EntityDoesNotExistException"],
    ];
    for (const [call, name] of cases) expect(await awsErrorName(call)).toBe(name);
    expect((await described(seed.contractors)).RadiusSettings).toBeUndefined();
  });
});

describe("volume encryption keys", () => {
  const request = (extra: object) => ({
    DirectoryId: seed.employees,
    UserName: "dave",
    BundleId: seed.bundle(WIN("Standard")),
    WorkspaceProperties: { RunningMode: "AUTO_STOP" as const, RunningModeAutoStopTimeoutInMinutes: 60 },
    ...extra,
  });

  it("refuses encryption without a key, or with something that is not a KMS key, per item", async () => {
    for (const extra of [
      { RootVolumeEncryptionEnabled: true },
      { UserVolumeEncryptionEnabled: true },
      { UserVolumeEncryptionEnabled: true, VolumeEncryptionKey: "my key" },
    ]) {
      const out = await t.ws().send(new CreateWorkspacesCommand({ Workspaces: [request(extra)] }));
      expect(out.PendingRequests).toEqual([]);
      expect(out.FailedRequests![0]).toMatchObject({ ErrorCode: "InvalidParameterValuesException" });
    }
  });

  it("encrypts with the key the request names and reports it", async () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const out = await t.ws().send(
      new CreateWorkspacesCommand({
        Workspaces: [request({ UserVolumeEncryptionEnabled: true, RootVolumeEncryptionEnabled: true, VolumeEncryptionKey: key })],
      }),
    );
    const id = out.PendingRequests![0]!.WorkspaceId!;
    const [ws] = (await t.ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces!;
    expect(ws).toMatchObject({ VolumeEncryptionKey: key, RootVolumeEncryptionEnabled: true, UserVolumeEncryptionEnabled: true });
  });
});
