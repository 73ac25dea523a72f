import "server-only";
import type { CurrentUser } from "../auth/session";
import { getConfig } from "../config";
import { db } from "../db";
import {
  BREAK_EVEN_HOURS,
  catalogOfferingFor,
  OPEN_STATUSES,
  runningModeCurve,
  tagPolicyOf,
  workspaceMonthlyCost,
  type Money,
} from "../domain";
import { defaultDirectoryId, directoryBlocker, directoryBlockerSentence, type DirectoryChoice } from "../domain/request-options";
import { bundleNameLabel, computeTypeLabel, operatingSystemLabel, protocolLabel } from "../presentation/labels";
import { costHoursSummary, type CostCurveNumbers, type CostHoursText } from "../presentation/cost-hours";
import { getCatalogDisplay } from "../core/settings";
import { policyAndPrices } from "./settings";
import { bundlesOfAccountIn, directoriesOfAccountIn } from "./catalog";

export interface BundleCard {
  id: string;
  /** The admin's display name for the catalog, or AWS's bundle name. */
  name: string;
  /** What the bundle is for, as the admin describes it; null when none is set. */
  description: string | null;
  region: string;
  computeType: string;
  vcpu: number;
  memoryGiB: number;
  gpu: string | null;
  operatingSystem: string;
  protocol: string;
  defaultRootVolumeGb: number;
  defaultUserVolumeGb: number;
  alwaysOn: Money | null;
  autoStop: Money | null;
  breakEvenHours: number | null;
}

/** A bundle's monthly cost against the hours used, for the form's chart (plain numbers, so it crosses to the client). */
export interface CostCurveView extends CostCurveNumbers {
  /** The chart's numbers in sentences. */
  text: CostHoursText;
}

/** A bundle's name and codes in the portal's labels (lib/presentation/labels), so the form's browser code needs none of its own. */
export interface BundleText {
  name: string;
  compute: string;
  os: string;
  protocol: string;
}

/** Where the person stands in one directory: whether they have a WorkSpace there and what stops a request. */
export interface DirectoryStatus {
  hasWorkspace: boolean;
  /** What stops a request here, worded for the person (or about them, for an admin); null when they may. */
  blocker: string | null;
}

/** What the "Request a WorkSpace" form may offer this user: their directories and bundles, priced. */
export async function newWorkspaceOptions(user: CurrentUser, options: { forName?: string } = {}) {
  const [me, { settings, prices }, display, open] = await Promise.all([
    db().user.findUnique({ where: { id: user.id }, select: { persona: true, groups: true, costCenter: true, directoryUserName: true } }),
    policyAndPrices(),
    getCatalogDisplay(db()),
    db().request.findMany({
      where: { beneficiaryId: user.id, type: "create", status: { in: [...OPEN_STATUSES] } },
      select: { directoryId: true },
    }),
  ]);
  // The same WorkSpaces the create rule counts: theirs by owner or by their directory user name.
  const mine = await db().workspace.findMany({
    where: {
      goneAt: null,
      state: { notIn: ["TERMINATED", "TERMINATING"] },
      OR: [{ ownerId: user.id }, ...(me?.directoryUserName ? [{ userName: me.directoryUserName }] : [])],
    },
    select: { directoryId: true },
  });
  const regions = getConfig().aws.regions;
  // The environment's own account's Regions, then each other configured account's (its directories may be offered too).
  const others = await db().awsAccount.findMany({ select: { id: true, regions: true }, orderBy: { name: "asc" } });
  const places: { region: string; accountId?: string }[] = [
    ...regions.map((region) => ({ region })),
    ...others.flatMap((a) => a.regions.filter((r) => regions.includes(r)).map((region) => ({ region, accountId: a.id }))),
  ];
  const perRegion = await Promise.all(
    places.map(async ({ region, accountId }) => ({
      region,
      accountId,
      directories: await directoriesOfAccountIn(region, accountId),
      bundles: await bundlesOfAccountIn(region, accountId),
    })),
  );
  const persona = { persona: me?.persona ?? "EMPLOYEE", groups: me?.groups ?? [] };
  const directories: { id: string; name: string; type: string; region: string; accountId?: string }[] = [];
  const bundles: BundleCard[] = [];
  const curves: Record<string, CostCurveView> = {};
  const bundleText: Record<string, BundleText> = {};
  for (const r of perRegion) {
    const offering = catalogOfferingFor(persona, r.directories, settings.catalog);
    for (const d of r.directories)
      if (offering.directoryIds.includes(d.id))
        directories.push({ id: d.id, name: d.name, type: d.type, region: r.region, ...(r.accountId ? { accountId: r.accountId } : {}) });
    for (const b of r.bundles) {
      if (!offering.bundleIds.includes(b.id)) continue;
      // Amazon's public bundles have the same id in every account of a Region: one card each.
      if (bundles.some((c) => c.id === b.id && c.region === b.region)) continue;
      const price = (mode: "ALWAYS_ON" | "AUTO_STOP") => {
        const c = workspaceMonthlyCost(b, { runningMode: mode }, prices, { expectedAutoStopHours: settings.expectedAutoStopHoursPerMonth });
        return c.ok ? c.total : null;
      };
      const curve = runningModeCurve(b, prices);
      bundleText[b.id] = {
        name: bundleNameLabel(display[b.id]?.displayName ?? b.name),
        compute: computeTypeLabel(b.computeType),
        os: operatingSystemLabel(b.operatingSystem),
        protocol: protocolLabel(b.protocol),
      };
      if (curve) {
        const numbers = {
          alwaysOnCents: curve.alwaysOn.cents,
          autoStopBaseCents: curve.autoStopBase.cents,
          autoStopHourlyCents: curve.autoStopHourly.cents,
          breakEvenHours: curve.breakEvenHours,
        };
        curves[b.id] = { ...numbers, text: costHoursSummary(numbers) };
      }
      bundles.push({
        id: b.id,
        name: display[b.id]?.displayName ?? b.name,
        description: display[b.id]?.description || null,
        region: b.region,
        computeType: b.computeType,
        vcpu: b.vcpu,
        memoryGiB: b.memoryGiB,
        gpu: b.gpu ? `${b.gpu.count} GPU, ${b.gpu.memoryGiB} GiB video memory` : null,
        operatingSystem: b.operatingSystem,
        protocol: b.protocol,
        defaultRootVolumeGb: b.defaultRootVolumeGb,
        defaultUserVolumeGb: b.defaultUserVolumeGb,
        alwaysOn: price("ALWAYS_ON"),
        autoStop: price("AUTO_STOP"),
        breakEvenHours: curve ? curve.breakEvenHours : (BREAK_EVEN_HOURS[b.computeType] ?? null),
      });
    }
  }
  const choices: DirectoryChoice[] = directories.map((d) => ({
    id: d.id,
    workspaces: mine.filter((w) => w.directoryId === d.id).length,
    openRequests: open.filter((r) => r.directoryId === d.id).length,
    offeredBundles: bundles.filter((b) => b.region === d.region).length,
  }));
  const directoryStatus: Record<string, DirectoryStatus> = Object.fromEntries(
    choices.map((c) => {
      const blocker = directoryBlocker(c);
      return [c.id, { hasWorkspace: c.workspaces > 0, blocker: blocker && directoryBlockerSentence(blocker, options.forName) }];
    }),
  );
  return {
    directories,
    directoryStatus,
    defaultDirectoryId: defaultDirectoryId(choices),
    curves,
    bundleText,
    bundles,
    costCenter: me?.costCenter ?? "",
    directoryUserName: me?.directoryUserName ?? null,
    expectedAutoStopHours: settings.expectedAutoStopHoursPerMonth,
    /** Tags every new WorkSpace must carry (the policy's cost-allocation keys); the form asks for each. */
    requiredTagKeys: tagPolicyOf(settings).requiredKeys,
  };
}
