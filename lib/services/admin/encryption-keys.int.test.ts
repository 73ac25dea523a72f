import { DescribeWorkspacesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { getPolicySettings } from "../../core/settings";
import { ServiceError } from "../../core/errors";
import { workspaceVolumeEncryptionKey } from "../../queries/workspace-encryption";
import { assessChange } from "../requests/assess";
import { submitRequest } from "../requests/submit";
import { updateVolumeEncryptionKeys } from "./encryption-keys";

// The policy's KMS keys reach AWS: a new WorkSpace with encrypted volumes is created with its directory's key
// (else its owner's persona's, else the AWS managed key), and its page can say which key AWS reports.

const REGION = "us-east-1";
const DIRECTORY_KEY = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666";
const PERSONA_KEY = "alias/workspaces-contractors";
let world: TestWorld;
let contractorsDir: string;
let valueBundle: string;

const carol = () => world.people.carol;
const createFor = (encrypted: boolean, sentKey?: string) => ({
  type: "create" as const,
  ownerUserName: "ignored",
  directoryId: contractorsDir,
  bundleId: valueBundle,
  runningMode: "AUTO_STOP" as const,
  autoStopTimeoutMinutes: 60,
  rootVolumeEncrypted: false,
  userVolumeEncrypted: encrypted,
  ...(sentKey ? { volumeEncryptionKey: sentKey } : {}),
  tags: [{ key: "CostCenter", value: "CC-1001" }],
});

beforeAll(async () => {
  world = await createTestWorld({ clockSpeed: 600 });
  world.executor().start();
  const gw = world.gateway.region(REGION);
  contractorsDir = (await gw.directories.describeDirectories()).find((d) => /contractors/.test(d.name))!.directoryId;
  valueBundle = (await gw.bundles.describeBundles({ owner: "AMAZON" })).find(
    (b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"),
  )!.bundleId;
});
afterAll(() => world.close());

describe("volume encryption keys", () => {
  it("are saved by admins only, each checked as a KMS key, and audited", async () => {
    const refused = await updateVolumeEncryptionKeys({ id: world.people.alice.id }, { byDirectory: {}, byPersona: {} }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ServiceError);
    const invalid = (await updateVolumeEncryptionKeys({ id: carol().id }, { byDirectory: {}, byPersona: { EMPLOYEE: "my key" } }).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(invalid).toBeInstanceOf(ServiceError);
    expect(invalid.reasons.map((r) => r.code)).toEqual(["byPersona.EMPLOYEE"]);

    await updateVolumeEncryptionKeys(
      { id: carol().id },
      { byDirectory: { [contractorsDir]: DIRECTORY_KEY, other: "" }, byPersona: { CONTRACTOR: PERSONA_KEY } },
    );
    const policy = await getPolicySettings(world.database.prisma);
    expect(policy.volumeEncryptionKeys).toEqual({
      byDirectory: { [contractorsDir]: DIRECTORY_KEY },
      byPersona: { CONTRACTOR: PERSONA_KEY },
    });
    // The rest of the policy is untouched.
    expect(Object.keys(policy.catalog.byPersona).length).toBeGreaterThan(0);
    const event = await world.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "policy.encryption_keys_updated" } });
    expect(event.after).toMatchObject({ byPersona: { CONTRACTOR: PERSONA_KEY } });
  });

  it("sends the directory's key as VolumeEncryptionKey for a new encrypted WorkSpace", async () => {
    // Whatever key a form sends is replaced by the policy's.
    const result = await submitRequest(carol(), {
      change: createFor(true, "alias/chosen-by-the-form"),
      beneficiaryId: world.people.dave.id,
      justification: "New starter with encrypted data",
    });
    expect(result).toMatchObject({ ok: true, status: "APPROVED" });
    if (!result.ok) return;
    const stored = await world.database.prisma.request.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(stored.change).toMatchObject({ volumeEncryptionKey: DIRECTORY_KEY, userVolumeEncrypted: true });
    world.sandbox.advance(25);
    const done = await eventually(
      async () => {
        const r = await world.database.prisma.request.findUniqueOrThrow({ where: { id: result.requestId } });
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      60_000,
      "the encrypted WorkSpace",
    );
    expect(done.failureReason).toBeNull();
    const client = new WorkSpacesClient({
      endpoint: world.sandbox.url,
      region: REGION,
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
    });
    const [ws] = (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [done.resultWorkspaceId!] }))).Workspaces!;
    expect(ws).toMatchObject({ VolumeEncryptionKey: DIRECTORY_KEY, UserVolumeEncryptionEnabled: true, RootVolumeEncryptionEnabled: false });
    await world.sync();
    expect(await workspaceVolumeEncryptionKey(done.resultWorkspaceId!)).toBe(DIRECTORY_KEY);
  });

  it("falls back to the persona's key, then the AWS managed key, and sends none without encryption", async () => {
    const assess = (change: ReturnType<typeof createFor>) =>
      assessChange(world.database.prisma, carol(), { change, beneficiaryId: world.people.dave.id });
    await updateVolumeEncryptionKeys({ id: carol().id }, { byDirectory: {}, byPersona: { CONTRACTOR: PERSONA_KEY } });
    expect((await assess(createFor(true))).change).toMatchObject({ volumeEncryptionKey: PERSONA_KEY });
    await updateVolumeEncryptionKeys({ id: carol().id }, { byDirectory: {}, byPersona: {} });
    expect((await assess(createFor(true))).change).toMatchObject({ volumeEncryptionKey: "alias/aws/workspaces" });
    expect((await assess(createFor(false, "alias/chosen-by-the-form"))).change).not.toHaveProperty("volumeEncryptionKey");
  });
});
