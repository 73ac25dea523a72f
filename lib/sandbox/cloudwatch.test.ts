import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  paginateGetMetricData,
  paginateListMetrics,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import { CreateWorkspacesCommand, DescribeWorkspacesCommand, DescribeWorkspacesConnectionStatusCommand } from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "./index";
import { awsError, CREDENTIALS, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";
import { sessionsBetween, usageSubject, USAGE_PROFILES, type UsageProfile } from "./world/usage";
import type { WorkspaceRecord } from "./world/types";

const t = sandboxPerFile();
const HOUR_S = 3600;
let seed: SeedLookup;
let ids: Record<string, string>;
let nowS: number;

beforeAll(async () => {
  seed = await lookupSeed(t);
  ids = {};
  for (const [user, dir] of [
    ["alice", seed.employees],
    ["bob", seed.employees],
    ["erin", seed.employees],
    ["frank", seed.contractors],
    ["carol", seed.labs],
  ] as const) {
    const ws = (await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: dir, UserName: user }))).Workspaces![0]!;
    ids[user] = ws.WorkspaceId!;
  }
  nowS = Math.floor(Date.parse((t.sandbox.state() as { now: string }).now) / 1000);
});

const query = (id: string, workspaceId: string, metric: string, stat: string, period = HOUR_S): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: "AWS/WorkSpaces", MetricName: metric, Dimensions: [{ Name: "WorkspaceId", Value: workspaceId }] },
    Period: period,
    Stat: stat,
  },
});

// The last 30 whole days, hourly, as the portal reads them.
function month() {
  const end = Math.floor(nowS / HOUR_S) * HOUR_S;
  return { StartTime: new Date((end - 30 * 24 * HOUR_S) * 1000), EndTime: new Date(end * 1000) };
}

async function readAll(client: CloudWatchClient, queries: MetricDataQuery[], range = month(), maxDatapoints?: number) {
  const byId = new Map<string, { t: number[]; v: number[]; statuses: string[] }>();
  let pages = 0;
  for await (const page of paginateGetMetricData(
    { client },
    { MetricDataQueries: queries, ...range, ScanBy: "TimestampAscending", MaxDatapoints: maxDatapoints },
  )) {
    pages++;
    for (const r of page.MetricDataResults ?? []) {
      const entry = byId.get(r.Id!) ?? { t: [], v: [], statuses: [] };
      entry.t.push(...r.Timestamps!.map((d) => d.getTime() / 1000));
      entry.v.push(...r.Values!);
      entry.statuses.push(r.StatusCode!);
      byId.set(r.Id!, entry);
    }
  }
  return { byId, pages };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("GetMetricData", () => {
  it("follows the seeded people's documented profiles over the last 30 days", async () => {
    const { byId } = await readAll(t.cw(), [
      query("alice", ids.alice!, "UserConnected", "Maximum"),
      query("bob", ids.bob!, "UserConnected", "Maximum"),
      query("bobstopped", ids.bob!, "Stopped", "Maximum"),
      query("erin", ids.erin!, "UserConnected", "Maximum"),
      query("erinstopped", ids.erin!, "Stopped", "Maximum"),
      query("frank", ids.frank!, "UserConnected", "Maximum"),
      query("carol", ids.carol!, "UserConnected", "Maximum"),
    ]);
    const hours = (id: string) => sum(byId.get(id)!.v);
    expect(byId.get("alice")!.t).toHaveLength(720);
    expect(byId.get("alice")!.t[1]! - byId.get("alice")!.t[0]!).toBe(HOUR_S);
    expect(hours("alice")).toBeGreaterThan(600); // heavy: far above every break-even line
    expect(hours("bob")).toBeLessThan(25); // rare
    expect(hours("bobstopped")).toBe(0); // AlwaysOn never stops
    expect(hours("erin")).toBe(0); // never
    expect(byId.get("erin")!.t).toHaveLength(720); // but it existed: 75 days old
    expect(hours("erinstopped")).toBe(720); // AutoStop and never used: stopped throughout
    expect(hours("frank")).toBeGreaterThan(100); // office
    expect(hours("frank")).toBeLessThan(260);
    expect(hours("carol")).toBeGreaterThan(0); // part-time, 10 days old
    expect(byId.get("carol")!.t.length).toBeLessThanOrEqual(10 * 24 + 1);
    // Office hours in us-east-1 (UTC-5): never at 03:00 UTC, i.e. 22:00 local.
    const frank = byId.get("frank")!;
    expect(frank.t.filter((ts, i) => new Date(ts * 1000).getUTCHours() === 3 && frank.v[i] === 1)).toEqual([]);
  });

  it("pages with NextToken past MaxDatapoints: PartialData while paging, the same points as one call", async () => {
    const queries = ["UserConnected", "Stopped", "Available"].map((m, i) => query(`q${i}`, ids.frank!, m, "Maximum"));
    const whole = await readAll(t.cw(), queries, month(), 10_000);
    const paged = await readAll(t.cw(), queries, month(), 250);
    expect(whole.pages).toBe(1);
    const points = sum([...whole.byId.values()].map((r) => r.t.length));
    // Frank's WorkSpace is 20 days old: 480 hours, one less or more depending on where in its hour it was
    // created and where the hour-aligned range starts.
    expect(points % 3).toBe(0);
    expect(Math.abs(points / 3 - 20 * 24)).toBeLessThanOrEqual(1);
    expect(paged.pages).toBe(Math.ceil(points / 250));
    for (const id of ["q0", "q1", "q2"]) {
      expect(paged.byId.get(id)!.t).toEqual(whole.byId.get(id)!.t);
      expect(paged.byId.get(id)!.v).toEqual(whole.byId.get(id)!.v);
      expect(paged.byId.get(id)!.statuses.at(-1)).toBe("Complete");
    }
    expect(paged.byId.get("q0")!.statuses).toContain("PartialData");
  });

  it("answers newest first by default, sums counts, averages launch time and latency, and is empty for unknown ids", async () => {
    const out = await t.cw().send(
      new GetMetricDataCommand({
        ...month(),
        MetricDataQueries: [
          query("connected", ids.alice!, "UserConnected", "Sum"),
          query("attempts", ids.alice!, "ConnectionAttempt", "Sum"),
          query("success", ids.alice!, "ConnectionSuccess", "Sum"),
          query("failures", ids.alice!, "ConnectionFailure", "Sum"),
          query("disconnects", ids.alice!, "SessionDisconnect", "Sum"),
          query("launch", ids.alice!, "SessionLaunchTime", "Average"),
          query("latency", ids.alice!, "InSessionLatency", "p95"),
          query("nobody", "ws-unknown000", "UserConnected", "Maximum"),
          { ...query("hidden", ids.alice!, "UserConnected", "Maximum"), ReturnData: false },
        ],
      }),
    );
    const r = (id: string) => out.MetricDataResults!.find((x) => x.Id === id) as MetricDataResult;
    expect(out.MetricDataResults!.map((x) => x.Id)).not.toContain("hidden");
    const connected = r("connected");
    expect(connected.Timestamps![0]!.getTime()).toBeGreaterThan(connected.Timestamps![1]!.getTime());
    expect(Math.max(...connected.Values!)).toBe(12); // twelve 5-minute samples an hour
    const attempts = sum(r("attempts").Values!);
    expect(attempts).toBe(sum(r("success").Values!) + sum(r("failures").Values!));
    expect(sum(r("success").Values!)).toBeGreaterThan(30);
    expect(Math.abs(sum(r("disconnects").Values!) - sum(r("success").Values!))).toBeLessThanOrEqual(1);
    expect(r("launch").Values!.every((v) => v >= 15 && v <= 50)).toBe(true);
    expect(r("latency").Values!.every((v) => v > 20 && v < 500)).toBe(true);
    expect(r("nobody")).toMatchObject({ Timestamps: [], Values: [], StatusCode: "Complete" });
  });

  it("refuses what AWS refuses, with AWS's names and query-compatible codes", async () => {
    const send = (queries: MetricDataQuery[], range: { StartTime: Date; EndTime: Date } = month()) =>
      awsError(t.cw().send(new GetMetricDataCommand({ ...range, MetricDataQueries: queries })));
    const many = Array.from({ length: 501 }, (_, i) => query(`q${i}`, ids.alice!, "UserConnected", "Maximum"));
    const tooMany = (await send(many)) as Error & { Code?: string };
    // The SDK names query-compatible errors by their query code.
    expect(tooMany.name).toBe("ValidationError");
    expect(tooMany.Code).toBe("ValidationError");
    expect(tooMany.message).toContain("500");
    const badPeriod = (await send([query("q", ids.alice!, "UserConnected", "Maximum", 90)])) as Error & { Code?: string };
    expect(badPeriod.name).toBe("InvalidParameterValueException");
    expect(badPeriod.Code).toBe("InvalidParameterValue");
    const missing = await send([
      { Id: "q", MetricStat: { ...query("q", ids.alice!, "UserConnected", "Maximum").MetricStat!, Stat: undefined } },
    ]);
    expect(missing.name).toBe("ValidationError");
    expect(missing.message).toContain("metricDataQueries.1.member.metricStat.stat");
    expect((await send([{ Id: "q", Expression: "SUM(METRICS())" }])).message).toContain("not supported");
    expect((await send([query("Bad-Id", ids.alice!, "UserConnected", "Maximum")])).name).toBe("ValidationError");
    expect((await send([query("q", ids.alice!, "UserConnected", "Median")])).name).toBe("InvalidParameterValueException");
    const { StartTime, EndTime } = month();
    expect((await send([query("q", ids.alice!, "UserConnected", "Maximum")], { StartTime: EndTime, EndTime: StartTime })).name).toBe(
      "ValidationError",
    );
    const token = await awsError(
      t.cw().send(new GetMetricDataCommand({ ...month(), MetricDataQueries: many.slice(0, 2), NextToken: "forged" })),
    );
    expect(token.name).toBe("InvalidNextToken");
  });
});

describe("GetMetricStatistics and ListMetrics", () => {
  it("returns statistics and percentiles per period, within 1,440 datapoints", async () => {
    const day = { StartTime: new Date((nowS - 24 * HOUR_S) * 1000), EndTime: new Date(nowS * 1000) };
    const metric = {
      Namespace: "AWS/WorkSpaces",
      MetricName: "InSessionLatency",
      Dimensions: [{ Name: "WorkspaceId", Value: ids.alice! }],
    };
    const out = await t
      .cw()
      .send(new GetMetricStatisticsCommand({ ...metric, ...day, Period: HOUR_S, Statistics: ["Average", "Maximum"] }));
    expect(out.Label).toBe("InSessionLatency");
    expect(out.Datapoints!.length).toBeGreaterThan(15);
    for (const p of out.Datapoints!) {
      expect(p.Unit).toBe("Milliseconds");
      expect(p.Maximum!).toBeGreaterThanOrEqual(p.Average!);
    }
    const pct = await t
      .cw()
      .send(new GetMetricStatisticsCommand({ ...metric, ...day, Period: HOUR_S, ExtendedStatistics: ["p50", "p95"] }));
    for (const p of pct.Datapoints!) expect(p.ExtendedStatistics!.p95!).toBeGreaterThanOrEqual(p.ExtendedStatistics!.p50!);
    const tooMany = await awsError(t.cw().send(new GetMetricStatisticsCommand({ ...metric, ...month(), Period: 60, Statistics: ["Sum"] })));
    expect(tooMany.name).toBe("InvalidParameterCombinationException");
    expect((await awsError(t.cw().send(new GetMetricStatisticsCommand({ ...metric, ...day, Period: HOUR_S })))).name).toBe(
      "InvalidParameterCombinationException",
    );
  });

  it("lists ten metrics per WorkSpace and filters by name and WorkspaceId", async () => {
    const one = await t
      .cw()
      .send(new ListMetricsCommand({ Namespace: "AWS/WorkSpaces", Dimensions: [{ Name: "WorkspaceId", Value: ids.alice! }] }));
    expect(one.Metrics!.map((m) => m.MetricName).sort()).toEqual(
      [
        "Available",
        "ConnectionAttempt",
        "ConnectionFailure",
        "ConnectionSuccess",
        "InSessionLatency",
        "SessionDisconnect",
        "SessionLaunchTime",
        "Stopped",
        "Unhealthy",
        "UserConnected",
      ].sort(),
    );
    const byName = await t.cw().send(new ListMetricsCommand({ Namespace: "AWS/WorkSpaces", MetricName: "UserConnected" }));
    const fleet = (t.sandbox.state() as { regions: Record<string, { workspaces: unknown[] }> }).regions["us-east-1"]!.workspaces;
    expect(byName.Metrics).toHaveLength(fleet.length);
    expect((await t.cw().send(new ListMetricsCommand({ Namespace: "AWS/EC2" }))).Metrics).toEqual([]);
  });
});

describe("usage and the rest of the sandbox", () => {
  it("connection status agrees with the metrics: CONNECTED exactly when the current sample is connected", async () => {
    const status = await t.ws().send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: Object.values(ids) }));
    const bucket = Math.floor(nowS / 300) * 300;
    const range = { StartTime: new Date((bucket - 3 * 24 * HOUR_S) * 1000), EndTime: new Date((bucket + 300) * 1000) };
    const { byId } = await readAll(
      t.cw(),
      Object.entries(ids).map(([user, id]) => query(user, id, "UserConnected", "Maximum", 300)),
      range,
    );
    for (const [user, id] of Object.entries(ids)) {
      const s = status.WorkspacesConnectionStatus!.find((x) => x.WorkspaceId === id)!;
      const series = byId.get(user)!;
      if (s.ConnectionState === "UNKNOWN") continue; // not running (erin is STOPPED)
      expect([user, series.v.at(-1) === 1]).toEqual([user, s.ConnectionState === "CONNECTED"]);
      if (s.ConnectionState === "DISCONNECTED" && s.LastKnownUserConnectionTimestamp) {
        // The last connected sample is the one just before the last known connection ended.
        const last = s.LastKnownUserConnectionTimestamp.getTime() / 1000;
        const i = series.t.indexOf(last - 300);
        if (i >= 0) expect(series.v[i]).toBe(1);
        expect(series.v.slice(series.t.indexOf(last))).not.toContain(1);
      }
    }
    expect(status.WorkspacesConnectionStatus!.find((x) => x.WorkspaceId === ids.erin)!.LastKnownUserConnectionTimestamp).toBeUndefined();
    expect(status.WorkspacesConnectionStatus!.find((x) => x.WorkspaceId === ids.bob)!.LastKnownUserConnectionTimestamp).toBeInstanceOf(
      Date,
    );
  });

  it("derives each WorkSpace's sessions deterministically from its id and profile", () => {
    const ws = (id: string, profile?: UsageProfile) => ({ WorkspaceId: id, createdAt: 0, usageProfile: profile }) as WorkspaceRecord;
    const from = Date.UTC(2026, 9, 1);
    const to = Date.UTC(2026, 9, 31);
    const hours = (profile: UsageProfile, id = "ws-abc123456") => {
      const s = sessionsBetween(usageSubject(ws(id, profile), "us-east-1"), from, to);
      let minutes = 0;
      for (let i = 0; i < s.length; i += 2) minutes += s[i + 1]! - s[i]!;
      return minutes / 60;
    };
    expect(sessionsBetween(usageSubject(ws("ws-x1"), "eu-west-1"), from, to)).toEqual(
      sessionsBetween(usageSubject(ws("ws-x1"), "eu-west-1"), from, to),
    );
    expect(hours("heavy")).toBeGreaterThan(450);
    expect(hours("office")).toBeGreaterThan(100);
    expect(hours("office")).toBeLessThan(200);
    expect(hours("part-time")).toBeGreaterThan(15);
    expect(hours("part-time")).toBeLessThan(80);
    expect(hours("rare")).toBeLessThan(20);
    expect(hours("never")).toBe(0);
    const picked = new Set(Array.from({ length: 300 }, (_, i) => usageSubject(ws(`ws-${i}`), "us-east-1").profile));
    expect([...picked].sort()).toEqual([...USAGE_PROFILES].sort());
  });

  it("sets a profile and replays a month through the control API; AutoStop follows the sessions", async () => {
    expect(await t.control("/__sandbox/usage/profile", { workspaceId: "ws-nothere00", profile: "heavy" })).toMatchObject({
      error: expect.stringContaining("no WorkSpace"),
    });
    expect(await t.control("/__sandbox/usage/profile", { workspaceId: ids.frank, profile: "sometimes" })).toHaveProperty("error");
    expect(await t.control("/__sandbox/usage/replay", { days: 0 })).toHaveProperty("error");

    const created = await t.ws().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          {
            DirectoryId: seed.employees,
            UserName: "emp00045",
            BundleId: seed.bundle(WIN("Standard")),
            WorkspaceProperties: { RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 60 },
          },
        ],
      }),
    );
    const id = created.PendingRequests![0]!.WorkspaceId!;
    t.sandbox.advance(21 + 63); // available, then stopped: its user first signs in tomorrow
    const state = async () => (await t.ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces![0]!.State;
    expect(await state()).toBe("STOPPED");
    nowS = Math.floor(Date.parse((t.sandbox.state() as { now: string }).now) / 1000);
    const before = await readAll(t.cw(), [query("q", id, "UserConnected", "Maximum")]);
    expect(before.byId.get("q")!.t.length).toBeLessThanOrEqual(2);

    expect(await t.control("/__sandbox/usage/profile", { workspaceId: id, profile: "heavy" })).toMatchObject({ ok: true });
    expect(await t.control("/__sandbox/usage/replay", { days: 30 })).toMatchObject({ ok: true });
    const described = (t.sandbox.state() as { regions: Record<string, { workspaces: Record<string, string>[] }> }).regions["us-east-1"]!;
    expect(described.workspaces.find((w) => w.WorkspaceId === id)).toMatchObject({ UsageProfile: "heavy" });
    const after = await readAll(t.cw(), [query("q", id, "UserConnected", "Maximum")]);
    expect(after.byId.get("q")!.t).toHaveLength(720);
    expect(sum(after.byId.get("q")!.v)).toBeGreaterThan(600);

    // Its heavy user connects within 40 minutes, which starts it; "never" lets it stop after the timeout.
    t.sandbox.advance(45);
    expect(await state()).toBe("AVAILABLE");
    await t.control("/__sandbox/usage/profile", { workspaceId: id, profile: "never" });
    t.sandbox.advance(64);
    expect(await state()).toBe("STOPPED");
    const status = await t.ws().send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id] }));
    expect(status.WorkspacesConnectionStatus![0]!.ConnectionState).toBe("UNKNOWN");
  });
});

describe("performance", () => {
  // How fast is measured by npm run bench:usage (the usage sync's time against the rate-limited minimum), not here.
  it("answers 500 queries × 30 days hourly on a 10,000-WorkSpace fleet in one call each, without paging", async () => {
    const sandbox = await startSandbox({ port: 0, clockSpeed: 0, fleetSize: 10_000 });
    try {
      const client = new CloudWatchClient({ endpoint: sandbox.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
      const all: string[] = [];
      for await (const page of paginateListMetrics({ client }, { Namespace: "AWS/WorkSpaces", MetricName: "UserConnected" })) {
        all.push(...page.Metrics!.map((m) => m.Dimensions![0]!.Value!));
      }
      expect(all.length).toBeGreaterThan(10_000);
      const end = Math.floor(Date.parse((sandbox.state() as { now: string }).now) / 3_600_000) * HOUR_S;
      const range = { StartTime: new Date((end - 30 * 24 * HOUR_S) * 1000), EndTime: new Date(end * 1000) };
      let points = 0;
      for (let call = 0; call < 4; call++) {
        const queries = all.slice(call * 500, call * 500 + 500).map((id, i) => query(`q${i}`, id, "UserConnected", "Maximum"));
        const out = await client.send(
          new GetMetricDataCommand({ ...range, MetricDataQueries: queries, ScanBy: "TimestampAscending", MaxDatapoints: 500 * 720 }),
        );
        expect(out.NextToken).toBeUndefined();
        points += sum(out.MetricDataResults!.map((r) => r.Values!.length));
      }
      expect(points).toBeGreaterThan(4 * 500 * 600);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
