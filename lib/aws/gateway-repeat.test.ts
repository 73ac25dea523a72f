// Calls whose answer is lost: the SDK must not send again an operation a repeat would carry out twice, and the
// executor's hooks run around every attempt that may reach AWS, so it knows exactly when a call may have happened.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AwsGatewayError } from "./errors";
import { withSendHooks } from "./send-hook";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("calls whose answer is lost", () => {
  let h: SandboxHarness;
  let available: string[];
  beforeAll(async () => {
    h = await startSandboxHarness({
      fleetSize: 60,
      // The answer times out long before the sandbox (slowed below) gives it.
      gateway: { maxAttempts: 3, timeoutMs: 300, rateLimit: { mutatingPerSecond: Infinity, readPerSecond: Infinity } },
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    h.sandbox.reset();
    await h.setFaults({ latencyMs: 0, throttleRate: 0, failNext: null });
    available = (await h.region.workspaces.listWorkspaces())
      .filter((ws) => ws.state === "AVAILABLE" && ws.runningMode !== "ALWAYS_ON")
      .map((ws) => ws.workspaceId);
    h.clear();
  });

  it("does not send a reboot again whose answer timed out, and says AWS may have carried it out", async () => {
    await h.setFaults({ latencyMs: 700 });
    const result = await h.region.workspaces.reboot([available[0]!]);
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toEqual([
      expect.objectContaining({ workspaceId: available[0], code: "OutcomeUnknown", reason: "unavailable", outcomeUnknown: true }),
    ]);
    expect(result.failed[0]!.message).toMatch(/did not answer in time and may have carried this out/);
    await sleep(1000);
    // One request on the wire, and the sandbox carried it out: a second would have rebooted the WorkSpace again.
    expect(h.wireCount("RebootWorkspaces")).toBe(1);
    expect((h.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls.RebootWorkspaces).toBe(1);
  }, 15_000);

  it("still retries a property change whose answer timed out, which a repeat does not do twice", async () => {
    await h.setFaults({ latencyMs: 700 });
    const error = (await h.region.workspaces
      .modifyProperties(available[1]!, { runningMode: "AUTO_STOP" })
      .catch((e: unknown) => e)) as AwsGatewayError;
    expect(error).toBeInstanceOf(AwsGatewayError);
    expect(error.outcomeUnknown).toBe(true);
    expect(h.wireCount("ModifyWorkspaceProperties")).toBe(3);
  }, 15_000);

  it("still retries a throttled reboot: AWS answered that it did not act", async () => {
    await h.setFaults({ failNext: { operation: "RebootWorkspaces", code: "ThrottlingException" } });
    const result = await h.region.workspaces.reboot([available[2]!]);
    expect(result.succeeded).toEqual([available[2]]);
    expect(h.wireCount("RebootWorkspaces")).toBe(2);
  }, 15_000);

  it("runs the hooks around each attempt of a mutating call: sending before it leaves, refused after a throttle", async () => {
    await h.setFaults({ failNext: { operation: "RebootWorkspaces", code: "ThrottlingException" } });
    const seen: string[] = [];
    const hooks = {
      sending: async () => void seen.push(`sending after ${h.wireCount("RebootWorkspaces")} on the wire`),
      refused: async () => void seen.push(`refused after ${h.wireCount("RebootWorkspaces")} on the wire`),
    };
    // The Describe call inside runs no hook: only a call that changes something may need recording.
    await withSendHooks(hooks, async () => {
      await h.region.workspaces.getWorkspace(available[3]!);
      await h.region.workspaces.reboot([available[3]!]);
    });
    expect(seen).toEqual(["sending after 0 on the wire", "refused after 1 on the wire", "sending after 1 on the wire"]);
  }, 15_000);

  it("keeps the record of an attempt whose answer was lost: no refused hook", async () => {
    await h.setFaults({ latencyMs: 700 });
    const seen: string[] = [];
    const hooks = { sending: async () => void seen.push("sending"), refused: async () => void seen.push("refused") };
    await withSendHooks(hooks, () => h.region.workspaces.reboot([available[4]!])).catch(() => undefined);
    expect(seen).toEqual(["sending"]);
  }, 15_000);

  it("sends nothing when the sending hook fails (the executor's lease is lost)", async () => {
    const lost = new Error("lease lost");
    const hooks = {
      sending: async () => {
        throw lost;
      },
      refused: async () => undefined,
    };
    const result = await withSendHooks(hooks, () => h.region.workspaces.reboot([available[5]!]));
    expect(h.wireCount("RebootWorkspaces")).toBe(0);
    // The hook's own failure passes untouched: it is not taken for a call AWS left unanswered.
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.code).not.toBe("OutcomeUnknown");
    expect(result.failed[0]!.message).not.toMatch(/may have carried this out/);
  }, 15_000);
});
