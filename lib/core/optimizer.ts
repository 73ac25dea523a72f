import "server-only";
import {
  autoStopHoursForEstimate,
  DEFAULT_OPTIMIZER_SETTINGS,
  monthRange,
  optimizerSettingsSchema,
  recommendRunningMode,
  runningModeSwitchCost,
  targetRunningMode,
  type Bundle,
  type ComputeType,
  type OptimizerSettings,
  type RunningMode,
  type RunningModeAdvice,
} from "../domain";
import { catalogSource } from "./catalog";
import { getPolicySettings, getPriceTable, readSetting, type SettingSpec } from "./settings";
import type { Tx } from "./tx";
import { usageThisMonth } from "./usage";
import { toDomainWorkspace, type WorkspaceRecord } from "./workspace-records";

// The running-mode optimizer's evaluation, shared by the admin page (a dry run), the "Create requests"
// service (which re-evaluates on the server) and the nightly job, so all three see the same advice.
// Set-based: one query for the WorkSpaces, one for the month's usage, whatever the fleet's size.

export const OPTIMIZER_SETTING_KEY = "optimizer";

export const OPTIMIZER_SETTING: SettingSpec<OptimizerSettings> = {
  key: OPTIMIZER_SETTING_KEY,
  parse: (value) => optimizerSettingsSchema.safeParse(value),
  defaults: DEFAULT_OPTIMIZER_SETTINGS,
  name: "optimizer settings",
};

export const getOptimizerSettings = (tx: Tx): Promise<OptimizerSettings> => readSetting(tx, OPTIMIZER_SETTING);

export interface OptimizerRow {
  workspaceId: string;
  computerName: string | null;
  userName: string;
  owner: { id: string; name: string; email: string } | null;
  directoryId: string;
  region: string;
  computeType: ComputeType;
  runningMode: RunningMode;
  lastConnectedAt: Date | null;
  billableHours: number;
  /** The month's billable hours at the pace so far, at which the switch's saving or cost is priced; null with no usage. */
  projectedHours: number | null;
  connectedHours: number;
  advice: RunningModeAdvice;
  /** The running mode the advice asks for; null when it asks for nothing. */
  target: RunningMode | null;
  /** Monthly saving (negative) or extra cost of the switch at this month's billable hours; null without a switch or a price. */
  monthlyDeltaCents: number | null;
  /** Why there is no figure, when there is a switch but no price. */
  costProblem: string | null;
}

export interface OptimizerRun {
  rows: OptimizerRow[];
  settings: OptimizerSettings;
  dayOfMonth: number;
  daysInMonth: number;
}

const SELECT = {
  id: true,
  region: true,
  directoryId: true,
  userName: true,
  ownerId: true,
  owner: { select: { id: true, name: true, email: true } },
  state: true,
  bundleId: true,
  computeType: true,
  rootVolumeGb: true,
  userVolumeGb: true,
  runningMode: true,
  autoStopTimeoutMinutes: true,
  protocols: true,
  operatingSystem: true,
  ipAddress: true,
  computerName: true,
  subnetId: true,
  rootVolumeEncrypted: true,
  userVolumeEncrypted: true,
  modificationStates: true,
  tags: true,
  costCenter: true,
  tagsSyncedAt: true,
  firstSeenAt: true,
  stateChangedAt: true,
  lastSyncedAt: true,
  connectionState: true,
  lastConnectedAt: true,
  lastRootVolumeChangeAt: true,
  lastUserVolumeChangeAt: true,
  lastComputeLargerAt: true,
  lastComputeSmallerAt: true,
  goneAt: true,
} as const;

/**
 * Every live WorkSpace's advice for the month containing `now`; `workspaceIds` narrows it to those. Pages pass
 * `bundles` that never wait long on AWS (lib/queries/catalog); the scheduled run reads them fresh.
 */
export async function evaluateOptimizer(
  tx: Tx,
  now: Date,
  workspaceIds?: readonly string[],
  bundles: (region: string) => Promise<Bundle[]> = (region) => catalogSource().bundles(region),
): Promise<OptimizerRun> {
  const settings = await getOptimizerSettings(tx);
  const { dayOfMonth, daysInMonth } = monthRange(now);
  const records = await tx.workspace.findMany({
    where: {
      goneAt: null,
      state: { notIn: ["TERMINATED", "TERMINATING"] },
      ...(workspaceIds ? { id: { in: [...workspaceIds] } } : {}),
    },
    select: SELECT,
    orderBy: { id: "asc" },
  });
  const [usage, prices, policy] = await Promise.all([
    usageThisMonth(
      tx,
      records.map((r) => r.id),
      now,
    ),
    getPriceTable(tx),
    getPolicySettings(tx),
  ]);
  const bundlesByRegion = new Map<string, Bundle[]>();
  for (const region of new Set(records.map((r) => r.region))) bundlesByRegion.set(region, await bundles(region));

  const rows = records.map(({ owner, ...record }): OptimizerRow => {
    const workspace = toDomainWorkspace(record as WorkspaceRecord);
    const used = usage.get(record.id);
    const billableHours = used?.billableHours ?? 0;
    const advice = recommendRunningMode(
      billableHours,
      workspace.computeType,
      workspace.runningMode,
      dayOfMonth,
      daysInMonth,
      workspace.tags,
      settings.thresholds,
      settings.alwaysOnToAutoStopLastDays,
    );
    const target = targetRunningMode(advice);
    let monthlyDeltaCents: number | null = null;
    let costProblem: string | null = null;
    if (target) {
      const hoursForCost = autoStopHoursForEstimate(used?.projectedHours, policy.expectedAutoStopHoursPerMonth);
      const cost = runningModeSwitchCost(workspace, target, hoursForCost, { prices, bundles: bundlesByRegion.get(record.region) ?? [] });
      if (cost.ok) monthlyDeltaCents = cost.delta.cents;
      else costProblem = cost.message;
    }
    return {
      workspaceId: record.id,
      computerName: record.computerName,
      userName: record.userName,
      owner,
      directoryId: record.directoryId,
      region: record.region,
      computeType: workspace.computeType,
      runningMode: workspace.runningMode,
      lastConnectedAt: record.lastConnectedAt,
      billableHours,
      projectedHours: used?.projectedHours ?? null,
      connectedHours: used?.connectedHours ?? 0,
      advice,
      target,
      monthlyDeltaCents,
      costProblem,
    };
  });
  return { rows, settings, dayOfMonth, daysInMonth };
}
