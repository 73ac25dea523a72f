import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayCatalogSource, PAGE_CATALOG_WAIT_MS, setCatalogSource, type CatalogSource } from "@/lib/core/catalog";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { bundlesIn } from "./catalog";
import { workspaceUsagePanel } from "./optimizer";
import { loadReports } from "./reports";
import { actionAvailability, CATALOG_LOADING, changeOptions } from "./workspace-actions";
import { getWorkspaceForViewer, type WorkspaceView } from "./workspaces";

// Issue 17's chaos run: under throttling a WorkSpace page waited more than 30 s on the catalog. Page reads
// now serve the last good catalog, refresh it in the background once at a time, and wait a bounded time
// when they have none.
describe("page reads of the catalog when AWS is slow or throttling", () => {
  let world: TestWorld;
  let view: WorkspaceView;
  const alice = () => ({ ...world.people.alice, email: "alice@example.com" });
  const loads = { bundles: 0, directories: 0, answered: 0 };

  /** A gateway source that counts how often the pages made it go to AWS for each list. */
  function countedSource(freshForMs: number): CatalogSource {
    const inner = gatewayCatalogSource(freshForMs);
    const answered = <T>(p: Promise<T>) => p.then((value) => ((loads.answered += 1), value));
    return {
      ...inner,
      bundles: (region) => ((loads.bundles += 1), answered(inner.bundles(region))),
      directories: (region) => ((loads.directories += 1), answered(inner.directories(region))),
    };
  }

  async function faults(body: Record<string, unknown>) {
    const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "X-Sandbox-Token": world.sandbox.controlToken },
      body: JSON.stringify(body),
    });
    expect(res.ok).toBe(true);
  }

  async function timed<T>(read: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await read();
    return { value, ms: performance.now() - started };
  }

  beforeAll(async () => {
    world = await createTestWorld();
    const row = await world.database.prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", state: "AVAILABLE" },
    });
    view = (await getWorkspaceForViewer(alice(), row.id))!;
  });
  afterAll(async () => {
    await faults({ throttleRate: 0, latencyMs: 0 });
    await world.close();
  });

  it("serves the last good catalog at once while AWS throttles every call, refreshing it once at a time", async () => {
    setCatalogSource(countedSource(200));
    const warm = await changeOptions(alice(), view);
    expect(warm.catalogLoading).toBe(false);
    expect(warm.compute?.upgrades.length).toBeGreaterThan(0);
    const warmActions = await actionAvailability(alice(), view);
    expect(warmActions.some((a) => a.available)).toBe(true);
    const warmUsage = await workspaceUsagePanel(view.id);
    // A team's reports price their WorkSpaces live (the fleet's come from the daily snapshot).
    const team = () => loadReports({ kind: "team", managerId: world.people.bob.id }, { period: "12m" });
    const warmReports = await team();
    expect(warmReports.totals.workspaces).toBeGreaterThan(0);
    expect(warmReports.totals.unpriced).toBe(0);

    await faults({ throttleRate: 1 });
    await new Promise((r) => setTimeout(r, 300)); // past the freshness window: what the pages hold is stale
    const before = { ...loads };
    const reads = await timed(() => Promise.all(Array.from({ length: 10 }, () => changeOptions(alice(), view))));
    expect(reads.ms).toBeLessThan(1_000);
    for (const options of reads.value) expect(options).toEqual(warm);
    // Ten page views, one refresh of each list in the background.
    expect(loads.bundles - before.bundles).toBe(1);
    expect(loads.directories - before.directories).toBe(1);

    const actions = await timed(() => actionAvailability(alice(), view));
    expect(actions.ms).toBeLessThan(1_000);
    expect(actions.value).toEqual(warmActions);
    // The page's usage panel prices the optimizer's advice with the same bundles.
    const usage = await timed(() => workspaceUsagePanel(view.id));
    expect(usage.ms).toBeLessThan(1_000);
    expect(usage.value).toEqual(warmUsage);
    const reports = await timed(team);
    expect(reports.ms).toBeLessThan(1_000);
    expect(reports.value.totals).toEqual(warmReports.totals);
    expect(reports.value.costBy).toEqual(warmReports.costBy);

    // Once AWS answers again, a background refresh lands and the next page views use it.
    await faults({ throttleRate: 0 });
    const answered = loads.answered;
    await eventually(async () => (await changeOptions(alice(), view), loads.answered >= answered + 2), 30_000, "a refresh");
  }, 60_000);

  it("renders without the catalog after a bounded wait when AWS has never answered, and fills it in once AWS does", async () => {
    await faults({ latencyMs: PAGE_CATALOG_WAIT_MS * 2 });
    setCatalogSource(countedSource(60_000)); // nothing known yet
    const before = { ...loads };
    const [options, actions, bundles, usage] = await Promise.all([
      timed(() => changeOptions(alice(), view)),
      timed(() => actionAvailability(alice(), view)),
      timed(() => bundlesIn("us-east-1")),
      timed(() => workspaceUsagePanel(view.id)),
    ]);
    for (const read of [options, actions, bundles, usage]) {
      expect(read.ms).toBeGreaterThanOrEqual(PAGE_CATALOG_WAIT_MS - 50);
      expect(read.ms).toBeLessThan(PAGE_CATALOG_WAIT_MS + 1_500);
    }
    expect(options.value).toMatchObject({ catalogLoading: true, migrationTargets: [] });
    // Nothing to change to until the catalog is known: no upgrades or downgrades are offered.
    expect([...(options.value.compute?.upgrades ?? []), ...(options.value.compute?.downgrades ?? [])]).toEqual([]);
    expect(new Set(actions.value.map((a) => (a.available ? "yes" : a.reasons.join(" "))))).toEqual(new Set([CATALOG_LOADING]));
    expect(bundles.value).toEqual([]);
    // Four page reads asking at once went to AWS once for each list.
    expect(loads.bundles - before.bundles).toBe(1);
    expect(loads.directories - before.directories).toBe(1);

    await faults({ latencyMs: 0 });
    // The whole page: the change options and the actions, which also need the WorkSpace's snapshots.
    const filled = await eventually(
      async () => {
        const [next, actions] = await Promise.all([changeOptions(alice(), view), actionAvailability(alice(), view)]);
        return !next.catalogLoading && actions.some((a) => a.available) && next;
      },
      30_000,
      "the catalog after AWS answered",
    );
    expect(filled.compute?.upgrades.length).toBeGreaterThan(0);
    // The slow answers already on their way filled the cache: no page view asked again meanwhile.
    expect(loads.bundles - before.bundles).toBe(1);
  }, 60_000);
});
