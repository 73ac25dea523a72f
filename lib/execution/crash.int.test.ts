import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "@/lib/domain";
import type { OutboxJob } from "@/lib/generated/prisma/client";
import { decideRequest } from "@/lib/services/requests/decide";
import type { RequestActor } from "@/lib/services/requests/assess";
import { submitRequest, type SubmitInput } from "@/lib/services/requests/submit";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { SimulatedCrash } from "./worker";

// Each crash point gets one reboot, one compute change and one create. A first worker dies at the
// point (it stops without releasing its lease, as a killed process would); a second one, under another
// name, must take the jobs over once that lease runs out and finish them with exactly one mutating
// AWS call per request. The sandbox clock is frozen so transitional states (REBOOTING, a compute
// modification in progress, a PENDING new WorkSpace) stay visible to the takeover; the test moves the
// clock on only after the execute jobs are done.

const POINTS = ["execute:before-aws", "execute:after-aws", "execute:before-record", "job:before-complete"] as const;
const LARGER: Record<string, string> = { VALUE: "STANDARD", STANDARD: "PERFORMANCE", PERFORMANCE: "POWER", POWER: "POWERPRO" };
const MUTATING_OP: Record<string, string> = {
  reboot: "RebootWorkspaces",
  computeType: "ModifyWorkspaceProperties",
  create: "CreateWorkspaces",
};

interface Target {
  beneficiary: "alice" | "bob" | "erin" | "frank";
  region: string;
  directoryName: RegExp;
}

// People with no WorkSpace in a directory their persona is offered (employees: employees' and labs directories).
const CREATE_TARGETS: Target[] = [
  { beneficiary: "alice", region: "eu-west-1", directoryName: /^eu\.corp\./ },
  { beneficiary: "bob", region: "eu-west-1", directoryName: /^eu\.corp\./ },
  { beneficiary: "erin", region: "eu-west-1", directoryName: /^eu\.corp\./ },
  { beneficiary: "frank", region: "eu-west-1", directoryName: /^eu\.corp\./ },
];

describe("crash injection: a dead worker's job is taken over and run exactly once", () => {
  let world: TestWorld;
  let fleet: { id: string; computeType: string; owner: RequestActor }[];
  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 0, fleetSize: 40 });
    const rows = await world.database.prisma.workspace.findMany({
      where: { region: "us-east-1", state: "AVAILABLE", goneAt: null, ownerId: null, computeType: { in: Object.keys(LARGER) } },
      orderBy: { id: "asc" },
    });
    // Fleet WorkSpaces belong to directory users the portal does not know; give them portal owners
    // (reporting to Bob) so an admin's change on them is an admin action, and the owners can ask too.
    // Two per crash point and for the approve-commit case, one for the reboot whose effect is over, and three for the
    // reboots whose answer is lost.
    const chosen = rows.slice(0, 2 * (POINTS.length + 1) + 4);
    expect(chosen).toHaveLength(2 * (POINTS.length + 1) + 4);
    for (const ws of chosen) {
      await world.database.prisma.user.create({
        data: {
          email: `${ws.userName}.${ws.id}@fleet.test`,
          name: `Fleet ${ws.userName}`,
          directoryUserName: ws.userName,
          managerId: world.people.bob.id,
          costCenter: "CC-1001",
        },
      });
    }
    await world.sync();
    const owned = await world.database.prisma.workspace.findMany({
      where: { id: { in: chosen.map((w) => w.id) } },
      include: { owner: true },
      orderBy: { id: "asc" },
    });
    fleet = owned.map((w) => {
      if (!w.owner) throw new Error(`${w.id} has no owner after the sync`);
      return { id: w.id, computeType: w.computeType!, owner: { id: w.owner.id, name: w.owner.name, role: w.owner.role } };
    });
  });
  afterAll(() => world.close());

  const prisma = () => world.database.prisma;
  const opCounts = () => (world.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls;

  async function createChange(target: Target): Promise<Change> {
    const gw = world.gateway.region(target.region);
    const directories = await gw.directories.describeDirectories();
    const directory = directories.find((d) => target.directoryName.test(d.name));
    const bundles = await gw.bundles.describeBundles({ owner: "AMAZON" });
    const bundle = bundles.find((b) => b.computeType === "VALUE" && /Windows/.test(b.name));
    if (!directory || !bundle) throw new Error(`No directory or bundle for ${target.beneficiary} in ${target.region}`);
    return {
      type: "create",
      ownerUserName: target.beneficiary,
      directoryId: directory.directoryId,
      bundleId: bundle.bundleId,
      runningMode: "AUTO_STOP",
      autoStopTimeoutMinutes: 60,
      rootVolumeEncrypted: false,
      userVolumeEncrypted: false,
      tags: [],
    };
  }

  /** Three approved requests with their execute jobs committed and no worker running. */
  async function submitBatch(round: number): Promise<string[]> {
    const carol = world.people.carol;
    const reboot = fleet[2 * round]!;
    const modify = fleet[2 * round + 1]!;
    const target = CREATE_TARGETS[round]!;
    const inputs = [
      { change: { type: "reboot" as const, workspaceId: reboot.id } },
      { change: { type: "computeType" as const, workspaceId: modify.id, computeType: LARGER[modify.computeType]! } as Change },
      { change: await createChange(target), beneficiaryId: world.people[target.beneficiary].id },
    ];
    const ids: string[] = [];
    for (const input of inputs) {
      // An admin acting for someone else needs no approval: the submit commit is the hand-over.
      const result = await submitRequest(carol, { ...input, justification: `crash round ${round}` });
      if (!result.ok) throw new Error(`Refused: ${JSON.stringify(result.reasons)}`);
      expect(result.status).toBe("APPROVED");
      ids.push(result.requestId);
    }
    return ids;
  }

  const executeJob = (requestId: string) => prisma().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `execute:${requestId}` } });

  /** The second worker takes over, and the clock moves on once every AWS call has been made and recorded. */
  async function finishWithRescuer(ids: string[], name: string) {
    const rescuer = world.executor({ owner: `rescuer-${name}`, leaseMs: 2_000 });
    rescuer.start();
    await eventually(
      async () => (await Promise.all(ids.map(executeJob))).every((j) => j.status === "DONE"),
      20_000,
      `execute jobs after ${name}`,
    );
    // Past a create (20 min), a compute change (15) and a reboot (2), but short of an AutoStop timeout
    // (60): a WorkSpace that stopped by itself meanwhile would never show the rebooted AVAILABLE state.
    world.sandbox.advance(25);
    const done = await eventually(
      async () => {
        const rows = await prisma().request.findMany({ where: { id: { in: ids } } });
        return rows.every((r) => ["SUCCEEDED", "FAILED"].includes(r.status)) ? rows : null;
      },
      20_000,
      `requests after ${name}`,
    ).catch(async (error: unknown) => {
      // Say where each request stood, so a CI failure can be read without rerunning it.
      const rows = await prisma().request.findMany({
        where: { id: { in: ids } },
        select: { type: true, status: true, executionMemo: true },
      });
      throw new Error(`${String(error)}: ${JSON.stringify(rows)}`);
    });
    await rescuer.stop();
    return done;
  }

  function expectOneCallEach(
    before: Record<string, number>,
    ids: string[],
    requests: { id: string; status: string; failureReason: string | null }[],
  ) {
    for (const r of requests)
      expect({ id: r.id, status: r.status, failureReason: r.failureReason }).toEqual({
        id: r.id,
        status: "SUCCEEDED",
        failureReason: null,
      });
    const after = opCounts();
    const delta = Object.fromEntries(
      Object.keys(after)
        .map((op) => [op, (after[op] ?? 0) - (before[op] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(delta).toEqual({ RebootWorkspaces: 1, ModifyWorkspaceProperties: 1, CreateWorkspaces: 1 });
    expect(ids).toHaveLength(3);
  }

  it("right after the approve commit, with no executor running: nothing is lost", async () => {
    const before = opCounts();
    const round = POINTS.length;
    const reboot = fleet[2 * round]!;
    const modify = fleet[2 * round + 1]!;
    const alice = world.people.alice;
    // Every hand-over here is a real one: the owner asks, and the manager's (then an admin's) approval commits the job.
    const asks: [RequestActor, SubmitInput][] = [
      [reboot.owner, { change: { type: "reboot", workspaceId: reboot.id }, justification: "Frozen" }],
      [
        modify.owner,
        {
          change: { type: "computeType", workspaceId: modify.id, computeType: LARGER[modify.computeType]! } as Change,
          justification: "Slow builds",
        },
      ],
      [
        alice,
        { change: await createChange({ beneficiary: "alice", region: "us-east-1", directoryName: /^labs\./ }), justification: "Lab work" },
      ],
    ];
    const ids: string[] = [];
    for (const [actor, input] of asks) {
      const asked = await submitRequest(actor, input);
      if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
      let status: string = asked.status;
      for (const approver of [world.people.bob, world.people.carol]) {
        if (status !== "PENDING_APPROVAL") break;
        status = (await decideRequest(approver, { requestId: asked.requestId, decision: "APPROVED", channel: "WEB" })).status;
      }
      expect(status).toBe("APPROVED");
      ids.push(asked.requestId);
    }
    expect(await prisma().decision.count({ where: { requestId: { in: ids } } })).toBeGreaterThanOrEqual(2);

    // Committed and kicked, yet no process was there to hear it: the jobs wait, untouched.
    await new Promise((r) => setTimeout(r, 300));
    for (const id of ids) expect(await executeJob(id)).toMatchObject({ status: "PENDING", leaseOwner: null, attempts: 0 });
    expect(opCounts()).toEqual(before);

    const requests = await finishWithRescuer(ids, "approve-commit");
    expectOneCallEach(before, ids, requests);
  });

  it.each(POINTS.map((point, round) => ({ point, round })))(
    "a crash at $point loses nothing and repeats nothing",
    async ({ point, round }) => {
      const before = opCounts();
      const ids = await submitBatch(round);
      const crashed = new Set<string>();
      const crashOnce = (at: string, job: OutboxJob) => {
        const requestId = (job.payload as { requestId?: string }).requestId;
        if (at !== point || job.kind !== "request.execute" || !requestId || !ids.includes(requestId) || crashed.has(requestId)) return;
        crashed.add(requestId);
        // A dead process polls no more: once the last job has "died", this worker must not retake any
        // of them itself when their leases run out.
        if (crashed.size === ids.length) void doomed.stop();
        throw new SimulatedCrash(`died at ${point}`);
      };
      // Long enough that the three jobs, crashing one after another on a loaded machine, are all
      // still held when the last one dies.
      const doomed = world.executor({ owner: `doomed-${point}`, leaseMs: 2_000, checkpoint: crashOnce });
      doomed.start();
      await eventually(async () => crashed.size === ids.length, 20_000, `three crashes at ${point}`);
      await doomed.stop();

      // The dead worker still holds each job: nobody has finished it or given it back.
      for (const id of ids) {
        const job = await executeJob(id);
        expect(job).toMatchObject({ status: "PENDING", leaseOwner: `doomed-${point}`, attempts: 1 });
        expect((await prisma().request.findUniqueOrThrow({ where: { id } })).status).toBe("EXECUTING");
      }
      const callsAtCrash = opCounts();
      const calledBeforeCrash = point !== "execute:before-aws";
      for (const type of ["reboot", "computeType", "create"]) {
        const op = MUTATING_OP[type]!;
        expect((callsAtCrash[op] ?? 0) - (before[op] ?? 0)).toBe(calledBeforeCrash ? 1 : 0);
      }

      const requests = await finishWithRescuer(ids, point);
      expectOneCallEach(before, ids, requests);
      for (const id of ids) {
        const job = await executeJob(id);
        expect(job.status).toBe("DONE");
        expect(job.attempts).toBe(2);
        const outcomes = (
          await prisma().auditEvent.findMany({ where: { requestId: id, action: { startsWith: "aws." } }, orderBy: { id: "asc" } })
        ).map((a) => (a.detail as { outcome?: string }).outcome);
        // After the call, the takeover must have recognised it in AWS rather than calling again.
        if (point === "execute:before-aws") expect(outcomes).toEqual(["call"]);
        else if (point === "job:before-complete") expect(outcomes).toEqual(["call", "found-already-applied"]);
        else expect(outcomes).toEqual(["found-already-applied"]);
      }
      const created = requests.find((r) => r.type === "create");
      expect(created?.resultWorkspaceId).toBeTruthy();
    },
  );

  it("a reboot whose effect is over before the takeover is not called again: AWS's recorded answer is the proof", async () => {
    // Under load a lease can lapse between the call and its record; by the time another attempt runs, the
    // reboot is done and the WorkSpace AVAILABLE again, so AWS shows nothing of it. Only the record does.
    const target = fleet[2 * (POINTS.length + 1)]!;
    const before = opCounts();
    const asked = await submitRequest(world.people.carol, { change: { type: "reboot", workspaceId: target.id }, justification: "Frozen" });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    let crashed = false;
    const doomed = world.executor({
      owner: "doomed-over",
      leaseMs: 2_000,
      checkpoint: (at, job) => {
        if (at !== "execute:before-record" || (job.payload as { requestId?: string }).requestId !== asked.requestId || crashed) return;
        crashed = true;
        void doomed.stop();
        throw new SimulatedCrash("died before recording");
      },
    });
    doomed.start();
    await eventually(async () => crashed, 20_000, "the crash");
    await doomed.stop();
    world.sandbox.advance(5);
    expect((await world.gateway.region("us-east-1").workspaces.getWorkspace(target.id))?.state).toBe("AVAILABLE");

    const rescuer = world.executor({ owner: "rescuer-over", leaseMs: 2_000 });
    rescuer.start();
    await eventually(async () => (await executeJob(asked.requestId)).status === "DONE", 20_000, "the takeover");
    await rescuer.stop();
    expect((opCounts().RebootWorkspaces ?? 0) - (before.RebootWorkspaces ?? 0)).toBe(1);
    const outcomes = (await prisma().auditEvent.findMany({ where: { requestId: asked.requestId, action: "aws.reboot" } })).map(
      (a) => (a.detail as { outcome?: string }).outcome,
    );
    expect(outcomes).toEqual(["found-already-applied"]);
  });

  /** A reboot whose first execute attempt dies at `point`; a second worker then takes it over. */
  async function rebootWithCrashAt(point: string, target: { id: string }, beforeTakeover: () => void) {
    // The clock has moved on by hours in the tests before: an AutoStop WorkSpace may have stopped meanwhile.
    const gw = world.gateway.region("us-east-1");
    if ((await gw.workspaces.getWorkspace(target.id))?.state === "STOPPED") {
      await gw.workspaces.start([target.id]);
      world.sandbox.advance(5);
    }
    expect((await gw.workspaces.getWorkspace(target.id))?.state).toBe("AVAILABLE");
    const asked = await submitRequest(world.people.carol, { change: { type: "reboot", workspaceId: target.id }, justification: "Frozen" });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    let crashed = false;
    const doomed = world.executor({
      owner: `doomed-${point}-${target.id}`,
      leaseMs: 2_000,
      checkpoint: (at, job) => {
        if (at !== point || (job.payload as { requestId?: string }).requestId !== asked.requestId || crashed) return;
        crashed = true;
        void doomed.stop();
        throw new SimulatedCrash(`died at ${point}`);
      },
    });
    doomed.start();
    await eventually(async () => crashed, 20_000, `the crash at ${point}`);
    await doomed.stop();
    beforeTakeover();
    const rescuer = world.executor({ owner: `rescuer-${point}-${target.id}`, leaseMs: 2_000 });
    rescuer.start();
    await eventually(async () => (await executeJob(asked.requestId)).status === "DONE", 30_000, "the takeover");
    await rescuer.stop();
    const outcomes = (await prisma().auditEvent.findMany({ where: { requestId: asked.requestId, action: "aws.reboot" } })).map(
      (a) => (a.detail as { outcome?: string }).outcome,
    );
    const told = await prisma().notification.findMany({ where: { requestId: asked.requestId, kind: "request.unconfirmed" } });
    return { requestId: asked.requestId, outcomes, told };
  }

  it("a reboot whose answer was lost, and whose effect is over by the takeover, is not sent again; the requester is told", async () => {
    // The call reached AWS and the process died before recording AWS's answer; by the time another attempt looks, the
    // WorkSpace is AVAILABLE again and nothing in AWS says whether it rebooted. Calling again could reboot it twice.
    const target = fleet[2 * (POINTS.length + 1) + 1]!;
    const before = opCounts();
    const { outcomes, told } = await rebootWithCrashAt("execute:after-aws", target, () => world.sandbox.advance(5));
    expect((opCounts().RebootWorkspaces ?? 0) - (before.RebootWorkspaces ?? 0)).toBe(1);
    expect(outcomes).toEqual(["unconfirmed"]);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ userId: world.people.carol.id, title: "We could not confirm your request" });
    expect(told[0]!.body).toMatch(/answer was lost.*did not send it again/);
  });

  it("a crash between recording the call and sending it loses the reboot rather than risk two, and says so", async () => {
    // The one window left: awsCalledAt is committed right before the request leaves. A crash there sent nothing, but
    // the takeover cannot tell that from a lost answer, so it does not call.
    const target = fleet[2 * (POINTS.length + 1) + 2]!;
    const before = opCounts();
    const { outcomes, told } = await rebootWithCrashAt("execute:before-send", target, () => undefined);
    expect((opCounts().RebootWorkspaces ?? 0) - (before.RebootWorkspaces ?? 0)).toBe(0);
    expect(outcomes).toEqual(["unconfirmed"]);
    expect(told).toHaveLength(1);
  });

  it("a reboot AWS throttled on every attempt is called again by the next attempt: AWS answered that it did not act", async () => {
    const target = fleet[2 * (POINTS.length + 1) + 3]!;
    const before = opCounts();
    // As many throttles as the gateway's attempts: the first execute attempt fails with them, having sent six times.
    for (let i = 0; i < 6; i++) await world.setFaults({ failNext: { operation: "RebootWorkspaces", code: "ThrottlingException" } });
    const asked = await submitRequest(world.people.carol, { change: { type: "reboot", workspaceId: target.id }, justification: "Frozen" });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    const worker = world.executor({ owner: "throttled-reboot", leaseMs: 5_000 });
    worker.start();
    await eventually(async () => (await executeJob(asked.requestId)).status === "DONE", 60_000, "the retried reboot");
    await worker.stop();
    expect((await executeJob(asked.requestId)).attempts).toBe(2);
    expect((opCounts().RebootWorkspaces ?? 0) - (before.RebootWorkspaces ?? 0)).toBe(1);
    const outcomes = (await prisma().auditEvent.findMany({ where: { requestId: asked.requestId, action: "aws.reboot" } })).map(
      (a) => (a.detail as { outcome?: string }).outcome,
    );
    expect(outcomes).toEqual(["call"]);
    expect(await prisma().notification.count({ where: { requestId: asked.requestId, kind: "request.unconfirmed" } })).toBe(0);
  }, 90_000);
});
