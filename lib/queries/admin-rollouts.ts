import "server-only";
import { getAwsGateway } from "../aws";
import { db } from "../db";
import { pageCatalog } from "../core/catalog";
import { planWaves, rolloutLoss, ROLLOUT_DEFAULTS, type RolloutMethod, type RolloutStatus } from "../domain/rollout";
import { bundleNameLabel } from "../presentation/labels";
import { listBundles } from "./admin-bundles";

// Reads for the rollout pages: the plan before a rollout starts, the list, and one rollout's waves and items.

/** How many WorkSpaces the plan looks up snapshots for; a larger fleet shows the first ones and says how many more. */
const PLAN_SNAPSHOT_LOOKUPS = 100;

async function snapshotTimes(region: string, ids: readonly string[]): Promise<Map<string, Date | null>> {
  const out = new Map<string, Date | null>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(5, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const evidence = await pageCatalog()
          .snapshots(region, id)
          .catch(() => null);
        out.set(id, evidence?.latest ?? null);
      }
    }),
  );
  return out;
}

async function namesOf(ids: readonly string[]) {
  const known = await db().workspace.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, computerName: true, userName: true, state: true, owner: { select: { name: true } } },
  });
  const byId = new Map(known.map((w) => [w.id, w]));
  return (id: string) => {
    const ws = byId.get(id);
    return {
      name: ws?.computerName ?? (ws ? `${ws.owner?.name ?? ws.userName}'s WorkSpace` : "A WorkSpace no longer in the inventory"),
      owner: ws?.owner?.name ?? ws?.userName ?? null,
      state: ws?.state ?? null,
    };
  };
}

/** What the admin sees before starting: the bundle, the images to choose from, and each WorkSpace with its last snapshot and its loss. */
export async function rolloutPlan(options: { bundleId: string; region?: string; method: RolloutMethod; sourceBundleId?: string }) {
  const { bundles, images, errors } = await listBundles();
  const bundle = bundles.find((b) => b.bundleId === options.bundleId && (!options.region || b.region === options.region)) ?? null;
  if (!bundle) return { bundle: null, errors } as const;
  const sources = bundles.filter((b) => b.region === bundle.region && b.bundleId !== bundle.bundleId && b.inUse > 0);
  const from = options.method === "migrate" ? options.sourceBundleId : bundle.bundleId;
  // What AWS lists on the bundle now (the rollout takes the same list), named from the cache where it knows them.
  const listed = from
    ? (await getAwsGateway().region(bundle.region).workspaces.listWorkspaces({ bundleId: from }))
        .filter((w) => !["TERMINATED", "TERMINATING"].includes(w.state))
        .sort((a, b) => a.workspaceId.localeCompare(b.workspaceId))
    : [];
  const named = await namesOf(listed.map((w) => w.workspaceId));
  const rows = listed.map((w) => {
    const known = named(w.workspaceId);
    return {
      id: w.workspaceId,
      computerName: w.computerName ?? null,
      name: known.state ? known.name : (w.computerName ?? `${w.userName}'s WorkSpace`),
      owner: known.owner ?? w.userName,
      state: w.state,
    };
  });
  const looked = rows.slice(0, PLAN_SNAPSHOT_LOOKUPS);
  const snapshots = await snapshotTimes(
    bundle.region,
    looked.map((r) => r.id),
  );
  const now = new Date();
  const waves = planWaves(rows, ROLLOUT_DEFAULTS.canarySize);
  const waveOf = new Map(waves.flatMap((wave, index) => wave.map((w) => [w.id, index] as const)));
  const workspaces = looked.map((r) => {
    const lastSnapshotAt = snapshots.get(r.id) ?? null;
    return {
      workspaceId: r.id,
      name: r.name,
      owner: r.owner,
      state: r.state,
      wave: waveOf.get(r.id) ?? 0,
      lastSnapshotAt,
      loss: rolloutLoss(options.method, lastSnapshotAt, now),
    };
  });
  const active = await db().rollout.findFirst({
    where: { region: bundle.region, bundleId: bundle.bundleId, status: { in: ["RUNNING", "WAITING_FOR_CONTINUE"] } },
    select: { id: true },
  });
  return {
    bundle,
    images: images.filter((i) => i.region === bundle.region),
    sources: sources.map((s) => ({ bundleId: s.bundleId, name: s.name, inUse: s.inUse })),
    total: rows.length,
    workspaces,
    /** The plan lists (and looks up snapshots for) at most this many; the rollout checks each before its wave. */
    snapshotLimit: PLAN_SNAPSHOT_LOOKUPS,
    loss: rolloutLoss(options.method, now, now).sentence,
    activeRolloutId: active?.id ?? null,
    errors,
  } as const;
}

async function bundleNames(regions: readonly string[]) {
  const lists = await Promise.all(
    regions.map((r) =>
      pageCatalog()
        .bundles(r)
        .catch(() => null),
    ),
  );
  const names = new Map<string, string>();
  for (const list of lists) for (const b of list ?? []) names.set(b.id, bundleNameLabel(b.name));
  return (id: string | null) => (id ? (names.get(id) ?? "a bundle not in the catalog") : null);
}

export async function listRollouts(take = 50) {
  const rollouts = await db().rollout.findMany({ orderBy: { createdAt: "desc" }, take });
  const counts = await db().rolloutItem.groupBy({
    by: ["rolloutId", "status"],
    where: { rolloutId: { in: rollouts.map((r) => r.id) } },
    _count: { _all: true },
  });
  const name = await bundleNames([...new Set(rollouts.map((r) => r.region))]);
  return rollouts.map((r) => {
    const of = (status: string) => counts.find((c) => c.rolloutId === r.id && c.status === status)?._count._all ?? 0;
    return {
      ...r,
      status: r.status as RolloutStatus,
      bundleName: name(r.bundleId)!,
      done: of("DONE"),
      failed: of("FAILED"),
      pending: of("PENDING") + of("IN_PROGRESS"),
    };
  });
}

export async function getRollout(id: string) {
  const rollout = await db().rollout.findUnique({ where: { id } });
  if (!rollout) return null;
  const items = await db().rolloutItem.findMany({ where: { rolloutId: id }, orderBy: [{ wave: "asc" }, { workspaceId: "asc" }] });
  const named = await namesOf(items.flatMap((i) => [i.workspaceId, ...(i.resultWorkspaceId ? [i.resultWorkspaceId] : [])]));
  // Each item keeps the snapshot time read when its wave was warned; the next waves' not yet warned are asked now,
  // the others show theirs when their wave comes.
  const upcoming = items
    .filter((i) => i.status === "PENDING" && !i.lastSnapshotAt && !i.warnedAt && i.wave <= rollout.currentWave + 1)
    .map((i) => i.workspaceId);
  const snapshots = await snapshotTimes(rollout.region, upcoming.slice(0, 50));
  const name = await bundleNames([rollout.region]);
  const counts = { done: 0, failed: 0, pending: 0, inProgress: 0 };
  for (const i of items) {
    if (i.status === "DONE") counts.done++;
    else if (i.status === "FAILED") counts.failed++;
    else if (i.status === "IN_PROGRESS") counts.inProgress++;
    else counts.pending++;
  }
  const waves = Array.from({ length: rollout.waveCount }, (_, wave) => {
    const inWave = items.filter((i) => i.wave === wave);
    return {
      wave,
      items: inWave.map((i) => ({
        ...i,
        ...named(i.workspaceId),
        result: i.resultWorkspaceId ? { id: i.resultWorkspaceId, ...named(i.resultWorkspaceId) } : null,
        lastSnapshotAt: i.lastSnapshotAt ?? snapshots.get(i.workspaceId) ?? null,
      })),
      done: inWave.filter((i) => i.status === "DONE").length,
      failed: inWave.filter((i) => i.status === "FAILED").length,
      pending: inWave.filter((i) => i.status === "PENDING" || i.status === "IN_PROGRESS").length,
    };
  });
  return {
    rollout: { ...rollout, status: rollout.status as RolloutStatus },
    bundleName: name(rollout.bundleId)!,
    sourceBundleName: name(rollout.sourceBundleId),
    counts,
    waves,
    loss: rolloutLoss(rollout.method as RolloutMethod, new Date(), new Date()).sentence,
  };
}
