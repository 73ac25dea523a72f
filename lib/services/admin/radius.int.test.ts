import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { ServiceError } from "../../core/errors";
import { disableRadiusSettings, saveRadiusSettings } from "./radius";

// MFA through RADIUS, end to end against the sandbox: the settings reach Directory Service, the change is audited
// with AWS's request id, a refusal is shown and audited as an attempt, and the shared secret is found nowhere the
// portal writes: not in any database row, not in a log line, not in an error.

const logLines = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/logger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  const log = real.createLogger("trace", sink);
  return { ...real, logger: () => log, requestLogger: async () => log };
});

const REGION = "us-east-1";
const SECRET = "Radius-Shared-Secret 7391!";
const OTHER_SECRET = "Second radius secret 0815?";
let world: TestWorld;
let contractorsDir: string;
let employeesDir: string;
let labsDir: string;
const consoleLines: string[] = [];

const admin = () => ({ id: world.people.carol.id });
const ds = () => world.gateway.region(REGION).directoryService;
const radiusOf = async (id: string) => (await ds().describeDirectories([id]))[0]!.radius;
const audit = (targetId: string) => world.database.prisma.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
const settings = {
  servers: ["10.20.0.5", "radius2.contractors.example.com"],
  port: 1812,
  timeoutSeconds: 7,
  retries: 2,
  protocol: "MS-CHAPv2" as const,
  displayLabel: "Contractor MFA",
  useSameUsername: false,
};

async function failNext(operation: string, code: string, message?: string) {
  const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Sandbox-Token": world.sandbox.controlToken },
    body: JSON.stringify({ failNext: { operation, code, message } }),
  });
  expect(res.ok).toBe(true);
}

async function refusal(attempt: Promise<unknown>): Promise<ServiceError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

/** Every row of every table, as text. */
async function everyRow(): Promise<string> {
  const prisma = world.database.prisma;
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const dumps = await Promise.all(
    tables.map((t) => prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${t.name}" t`)),
  );
  return dumps
    .flat()
    .map((r) => r.row)
    .join("\n");
}

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(" ")));
  world = await createTestWorld();
  const dirs = await ds().describeDirectories();
  contractorsDir = dirs.find((d) => d.name.startsWith("contractors."))!.directoryId;
  employeesDir = dirs.find((d) => d.name === "corp.example.com")!.directoryId;
  labsDir = dirs.find((d) => d.name === "labs.example.com")!.directoryId;
});
afterAll(async () => {
  await world.close();
  vi.restoreAllMocks();
});

describe("RADIUS settings", () => {
  it("turns MFA on in Directory Service and audits it with AWS's request id, without the secret", async () => {
    await expect(
      saveRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir, settings, sharedSecret: SECRET }),
    ).resolves.toMatchObject({
      outcome: "enabled",
    });
    expect(await radiusOf(contractorsDir)).toMatchObject({ enabled: true, status: "Creating", ...settings });
    world.sandbox.advance(3);
    expect((await radiusOf(contractorsDir)).status).toBe("Completed");
    const [event] = await audit(contractorsDir);
    expect(event).toMatchObject({ action: "directory.radius_enabled", actorId: world.people.carol.id, targetType: "directory" });
    expect(event!.awsRequestIds).toHaveLength(1);
    expect(event!.before).toEqual({ enabled: false });
    expect(event!.after).toMatchObject({ enabled: true, servers: settings.servers, port: 1812, protocol: "MS-CHAPv2" });
    expect(event!.detail).toMatchObject({ sharedSecret: "changed" });
  });

  it("changes the settings of a directory with MFA on, keeping the secret when none is typed", async () => {
    const out = await saveRadiusSettings(admin(), {
      region: REGION,
      directoryId: contractorsDir,
      settings: { ...settings, servers: ["10.20.0.9"], retries: 5 },
    });
    expect(out.outcome).toBe("updated");
    expect(await radiusOf(contractorsDir)).toMatchObject({ servers: ["10.20.0.9"], retries: 5, status: "Creating" });
    const events = await audit(contractorsDir);
    expect(events.at(-1)).toMatchObject({
      action: "directory.radius_updated",
      before: { enabled: true, servers: settings.servers },
      detail: { sharedSecret: "kept" },
    });
    // A new secret goes to AWS as well.
    await saveRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir, settings, sharedSecret: OTHER_SECRET });
    expect((await audit(contractorsDir)).at(-1)?.detail).toMatchObject({ sharedSecret: "changed" });
  });

  it("needs the secret to turn MFA on, and refuses Simple AD in plain words before asking AWS", async () => {
    await disableRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir });
    const calls = world.calls.length;
    const noSecret = await refusal(saveRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir, settings }));
    expect(noSecret.message).toMatch(/shared secret/);
    const simple = await refusal(saveRadiusSettings(admin(), { region: REGION, directoryId: labsDir, settings, sharedSecret: SECRET }));
    expect(simple.message).toMatch(/AD Connector and AWS Managed Microsoft AD/);
    expect(world.calls.slice(calls).filter((c) => !c.operation.startsWith("Describe"))).toEqual([]);
    const invalid = await refusal(
      saveRadiusSettings(admin(), {
        region: REGION,
        directoryId: contractorsDir,
        settings: { ...settings, port: 80 },
        sharedSecret: "short",
      }),
    );
    expect(invalid.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["settings.port", "sharedSecret"]));
    expect(JSON.stringify(invalid)).not.toContain('short"');
  });

  it("shows and audits AWS's refusal as an attempt, with anything that repeats the secret scrubbed", async () => {
    await failNext("EnableRadius", "InvalidParameterException", `The shared secret ${SECRET} does not match the RADIUS server.`);
    const error = await refusal(
      saveRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir, settings, sharedSecret: SECRET }),
    );
    expect(error.message).toMatch(/^AWS refused: /);
    expect(error.message).toContain("[shared secret]");
    expect(error.message).not.toContain(SECRET);
    const attempt = (await audit(contractorsDir)).at(-1)!;
    expect(attempt.action).toBe("directory.radius_enable.refused");
    expect(JSON.stringify({ ...attempt, id: String(attempt.id) })).not.toContain(SECRET);
    expect(attempt.detail).toMatchObject({ message: expect.stringContaining("[shared secret]") });
    expect((await radiusOf(contractorsDir)).enabled).toBe(false);
  });

  it("turns MFA off, and says so when it is off already", async () => {
    await saveRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir, settings, sharedSecret: SECRET });
    await disableRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir });
    expect((await radiusOf(contractorsDir)).enabled).toBe(false);
    expect((await audit(contractorsDir)).at(-1)).toMatchObject({ action: "directory.radius_disabled", after: { enabled: false } });
    const again = await refusal(disableRadiusSettings(admin(), { region: REGION, directoryId: contractorsDir }));
    expect(again.message).toMatch(/already off/);
  });

  it("refuses anyone but an admin before anything happens", async () => {
    const before = (await radiusOf(employeesDir)).servers;
    await refusal(
      saveRadiusSettings({ id: world.people.alice.id }, { region: REGION, directoryId: employeesDir, settings, sharedSecret: SECRET }),
    );
    await refusal(disableRadiusSettings({ id: world.people.bob.id }, { region: REGION, directoryId: employeesDir }));
    expect((await radiusOf(employeesDir)).servers).toEqual(before);
  });

  it("never stores, logs or returns the shared secret", async () => {
    const rows = await everyRow();
    expect(rows).toContain("directory.radius_enabled");
    expect(rows).not.toContain(SECRET);
    expect(rows).not.toContain(OTHER_SECRET);
    const logs = [...logLines, ...consoleLines].join("\n");
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(OTHER_SECRET);
    // Directory Service does not give it back either.
    expect(JSON.stringify(await ds().describeDirectories())).not.toContain(SECRET);
  });
});
