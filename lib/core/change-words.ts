import "server-only";
import type { Bundle, Change } from "../domain";
import { describeChange } from "../presentation/describe";
import { bundleNameLabel, workspaceDisplayName } from "../presentation/labels";
import { pageCatalog } from "./catalog";
import type { Tx } from "./tx";

// Names for the things a change is about, so titles, notifications and mail read "Change WSAMZN-LLQWLC2M
// (Standard, Windows) to Performance" instead of ids. WorkSpaces come from the cache (also those given back,
// so an old request still names them); bundles from the catalog, which never holds a transaction for long.

export interface ChangeNames {
  bundle(id: string): string | undefined;
  workspace(id: string): string | undefined;
  describe(change: Change): string;
}

async function bundlesOf(regions: Iterable<string>): Promise<Bundle[]> {
  const lists = await Promise.all(
    [...new Set(regions)].map(async (region) => {
      try {
        return (await pageCatalog().bundles(region)) ?? [];
      } catch {
        return [];
      }
    }),
  );
  return lists.flat();
}

/** Names for the WorkSpaces and bundles of changes in the given Regions, looked up once. */
export async function changeNames(tx: Tx, regions: Iterable<string>, workspaceIds: Iterable<string>): Promise<ChangeNames> {
  const ids = [...new Set(workspaceIds)];
  const [bundles, workspaces] = await Promise.all([
    bundlesOf(regions),
    ids.length
      ? tx.workspace.findMany({
          where: { id: { in: ids } },
          select: { id: true, computerName: true, computeType: true, operatingSystem: true, bundleId: true },
        })
      : [],
  ]);
  const bundleById = new Map(bundles.map((b) => [b.id, bundleNameLabel(b.name)]));
  const records = new Map(workspaces.map((w) => [w.id, { ...w, bundleName: bundleById.get(w.bundleId) ?? null }]));
  const bundle = (id: string) => bundleById.get(id);
  const workspace = (id: string) => {
    const record = records.get(id);
    return record && workspaceDisplayName(record);
  };
  return {
    bundle,
    workspace,
    describe(change) {
      // Once a compute change is done the cache shows the new type; "Change X (Performance, Windows) to
      // Performance" would read as a no-op, so the name then leaves the type out.
      const done = (id: string) => {
        const record = records.get(id);
        if (!record) return undefined;
        return workspaceDisplayName(
          change.type === "computeType" && record.computeType === change.computeType ? { ...record, computeType: null } : record,
        );
      };
      return describeChange(change, bundle, done);
    },
  };
}

/** The WorkSpace a change is about, if any. */
export const changeWorkspaceId = (change: Change): string | null => (change.type === "create" ? null : change.workspaceId);

/** One change in plain words, with the names of its WorkSpace and bundles. */
export async function describeWithNames(tx: Tx, change: Change, region: string): Promise<string> {
  const id = changeWorkspaceId(change);
  // Only a new WorkSpace or a migration names a bundle; the others need no catalog, so the executor (which
  // calls this inside its transaction) never waits on AWS for the words of a restart or a resize.
  const namesBundle = change.type === "create" || change.type === "migrate";
  return (await changeNames(tx, namesBundle ? [region] : [], id ? [id] : [])).describe(change);
}
