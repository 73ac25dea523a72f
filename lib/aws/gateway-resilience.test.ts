// Gateway against an in-process sandbox: throttling is retried, and the client-side rate limit
// holds as measured from the requests' arrival times at the sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AwsGatewayError } from "./errors";
import { createAwsGateway } from "./gateway";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe("throttling", () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandboxHarness({
      fleetSize: 300,
      gateway: { maxAttempts: 10, rateLimit: { mutatingPerSecond: Infinity, readPerSecond: Infinity } },
    });
  });
  afterAll(async () => h?.close());
  beforeEach(() => {
    h.sandbox.reset();
    h.clear();
  });

  it("retries injected throttling and 5xx and still finishes the work", async () => {
    const expected = await h.region.workspaces.listWorkspaces();
    h.clear();
    await h.setFaults({ throttleRate: 0.2, failNext: { operation: "RebootWorkspaces", code: "ThrottlingException" } });
    await h.setFaults({ failNext: { operation: "DescribeWorkspaces", code: "InternalFailure" } });
    const listed = await h.region.workspaces.listWorkspaces();
    const ids = listed
      .filter((ws) => ws.state === "AVAILABLE")
      .slice(0, 100)
      .map((ws) => ws.workspaceId);
    const rebooted = await h.region.workspaces.reboot(ids);
    await h.setFaults({ throttleRate: 0 });

    // Nothing lost to the throttling: the second list is the first, less any WorkSpace whose removal finished
    // meanwhile (the sandbox's clock runs on during the back-off, so a WorkSpace TERMINATING then may be gone).
    const stillListed = new Set(listed.map((ws) => ws.workspaceId));
    const gone = expected.filter((ws) => !stillListed.has(ws.workspaceId));
    expect(gone.map((ws) => `${ws.workspaceId} ${ws.state}`).filter((g) => !/ TERMINAT/.test(g))).toEqual([]);
    expect(listed.map((ws) => ws.workspaceId)).toEqual(
      expected.filter((ws) => stillListed.has(ws.workspaceId)).map((ws) => ws.workspaceId),
    );
    // The sandbox clock runs on while retries back off, so a WorkSpace may auto-stop meanwhile;
    // what must not happen is an id lost or given up on because of the throttling.
    expect(rebooted.succeeded.length + rebooted.failed.length).toBe(ids.length);
    expect(rebooted.failed.filter((f) => f.reason !== "wrong_state")).toEqual([]);
    expect(rebooted.succeeded.length).toBeGreaterThan(ids.length * 0.9);
    const throttled = h.arrivals.filter((a) => a.errorType === "ThrottlingException");
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(h.arrivals.some((a) => a.errorType === "InternalFailure")).toBe(true);
    // Logical calls stay at the minimum; the retries show up as extra attempts.
    expect(h.calls.filter((c) => c.operation === "RebootWorkspaces")).toHaveLength(Math.ceil(ids.length / 25));
    expect(h.calls.some((c) => c.attempts > 1)).toBe(true);
  }, 30_000);

  it("reports throttled (try later) once the attempts run out", async () => {
    const impatient = createAwsGateway({
      regions: ["us-east-1"],
      defaultRegion: "us-east-1",
      endpoints: { workspaces: h.sandbox.url },
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
      maxAttempts: 2,
    });
    await h.setFaults({ failNext: { operation: "RestoreWorkspace", code: "ThrottlingException" } });
    await h.setFaults({ failNext: { operation: "RestoreWorkspace", code: "ThrottlingException" } });
    const error = (await impatient
      .region()
      .workspaces.restore("ws-anything")
      .catch((e: unknown) => e)) as AwsGatewayError;
    impatient.destroy();
    expect(error).toBeInstanceOf(AwsGatewayError);
    expect(error.reason).toBe("throttled");
    expect(error.retryable).toBe(true);
  }, 15_000);
});

describe("client-side rate limit (defaults: 2 mutating and 10 read calls per second)", () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandboxHarness({ fleetSize: 300 });
  });
  afterAll(async () => h?.close());

  it("spaces mutating and read calls per Region, each family at its own rate", async () => {
    const fleet = await h.region.workspaces.listWorkspaces();
    h.clear();
    const ids = fleet.map((ws) => ws.workspaceId);
    const started = performance.now();
    // Both families at once: five reboot batches and ten describe batches.
    await Promise.all([h.region.workspaces.reboot(ids.slice(0, 125)), h.region.workspaces.getWorkspaces(ids.slice(0, 250))]);
    const elapsed = performance.now() - started;

    const reboots = h.arrivals.filter((a) => a.operation === "RebootWorkspaces").map((a) => a.at);
    const describes = h.arrivals.filter((a) => a.operation === "DescribeWorkspaces").map((a) => a.at);
    expect(reboots).toHaveLength(5);
    expect(describes).toHaveLength(10);
    // Arrival times carry scheduling jitter on a busy machine (one call delayed shortens the next gap),
    // so each gap gets slack and the average must hold the rate; without the limiter the gaps are ~0.
    const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const gap of gaps(reboots)) expect(gap).toBeGreaterThanOrEqual(350);
    for (const gap of gaps(describes)) expect(gap).toBeGreaterThanOrEqual(50);
    expect(average(gaps(reboots))).toBeGreaterThanOrEqual(470);
    expect(average(gaps(describes))).toBeGreaterThanOrEqual(85);
    // Reads did not wait behind the mutating queue, and nothing waited longer than needed.
    expect(describes.at(-1)! - describes[0]!).toBeLessThan(1500);
    expect(elapsed).toBeLessThan(4 * 500 + 1500);
  }, 20_000);

  it("shares one limit between concurrent callers in the same Region", async () => {
    const fleet = await h.region.workspaces.listWorkspaces();
    h.clear();
    const available = fleet.filter((ws) => ws.state === "AVAILABLE").map((ws) => ws.workspaceId);
    // Four separate single-WorkSpace reboots, as four executor jobs would send them.
    await Promise.all(available.slice(0, 4).map((id) => h.gateway.region("us-east-1").workspaces.reboot([id])));
    const times = h.arrivals.filter((a) => a.operation === "RebootWorkspaces").map((a) => a.at);
    expect(times).toHaveLength(4);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(350);
    expect((times.at(-1)! - times[0]!) / (times.length - 1)).toBeGreaterThanOrEqual(470);
  }, 20_000);
});
