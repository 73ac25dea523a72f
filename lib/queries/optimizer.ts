import "server-only";
import { BREAK_EVEN_HOURS, type ComputeType, type OptimizerSettings, type RunningModeAdvice } from "../domain";
import { db } from "../db";
import { evaluateOptimizer, getOptimizerSettings, type OptimizerRow } from "../core/optimizer";
import { getUsageStatus, type UsageStatus } from "../core/usage";
import { csvStream } from "./admin-csv";
import { bundlesIn, catalogFor } from "./catalog";
import { accountNames } from "../core/accounts";
import type { OptimizerFilter } from "../schemas/optimizer";

export type { OptimizerRow };

export interface OptimizerView {
  rows: OptimizerRow[];
  /** Rows before filtering, and how many of them recommend a switch. */
  total: number;
  switches: number;
  directories: { id: string; name: string }[];
  computeTypes: ComputeType[];
  settings: OptimizerSettings;
  usage: UsageStatus;
  dayOfMonth: number;
  daysInMonth: number;
}

function matches(row: OptimizerRow, filter: OptimizerFilter): boolean {
  if (filter.rec === "switch" && row.target === null) return false;
  if (filter.rec && filter.rec !== "switch" && row.advice.action !== filter.rec) return false;
  if (filter.compute && row.computeType !== filter.compute) return false;
  if (filter.directory && row.directoryId !== filter.directory) return false;
  if (filter.owner) {
    const needle = filter.owner.toLowerCase();
    const hay = [row.owner?.name, row.owner?.email, row.userName].filter(Boolean).join(" ").toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** Directory names in these Regions, of every configured account, so a branch office's directory reads by its name too. */
async function directoryNames(regions: readonly string[]): Promise<Map<string, string>> {
  const catalog = await catalogFor(regions, (await accountNames(db())).keys());
  return new Map(catalog.directories.map((d) => [d.id, d.name]));
}

/** The optimizer's dry run for the admin page: every WorkSpace's advice now, filtered as the URL says. */
export async function optimizerDryRun(filter: OptimizerFilter, now = new Date()): Promise<OptimizerView> {
  const [run, usage] = await Promise.all([evaluateOptimizer(db(), now, undefined, bundlesIn), getUsageStatus(db())]);
  const names = await directoryNames([...new Set(run.rows.map((r) => r.region))]);
  const directoryIds = [...new Set(run.rows.map((r) => r.directoryId))].sort();
  return {
    rows: run.rows.filter((row) => matches(row, filter)),
    total: run.rows.length,
    switches: run.rows.filter((row) => row.target !== null).length,
    directories: directoryIds.map((id) => ({ id, name: names.get(id) ?? id })),
    computeTypes: [...new Set(run.rows.map((r) => r.computeType))].sort(),
    settings: run.settings,
    usage,
    dayOfMonth: run.dayOfMonth,
    daysInMonth: run.daysInMonth,
  };
}

export async function getOptimizerSettingsForAdmin(): Promise<OptimizerSettings> {
  return getOptimizerSettings(db());
}

const HEADER = [
  "WorkSpace",
  "Computer name",
  "Region",
  "Directory",
  "User",
  "Owner",
  "Owner email",
  "Compute type",
  "Running mode",
  "Billable hours this month",
  "Connected hours this month",
  "Threshold hours",
  "Recommendation",
  "Reason",
  "Monthly saving (-) or cost (+), cents",
  "Last connected",
];

export function optimizerCsvResponse(filter: OptimizerFilter, now = new Date()): Response {
  async function* pages() {
    const view = await optimizerDryRun(filter, now);
    const dirName = new Map(view.directories.map((d) => [d.id, d.name]));
    yield view.rows.map((r) => [
      r.workspaceId,
      r.computerName,
      r.region,
      dirName.get(r.directoryId) ?? r.directoryId,
      r.userName,
      r.owner?.name,
      r.owner?.email,
      r.computeType,
      r.runningMode,
      r.billableHours,
      r.connectedHours,
      r.advice.thresholdHours,
      r.advice.action,
      r.advice.reason,
      r.monthlyDeltaCents,
      r.lastConnectedAt ?? "never",
    ]);
  }
  return csvStream(`optimizer-${now.toISOString().slice(0, 10)}.csv`, HEADER, pages());
}

export interface UsagePanel {
  billableHours: number;
  thresholdHours: number | null;
  advice: RunningModeAdvice;
  target: OptimizerRow["target"];
  monthlyDeltaCents: number | null;
  usage: UsageStatus;
}

/** The employee's "This month's usage" panel for one WorkSpace they may see (the page checked that). */
export async function workspaceUsagePanel(workspaceId: string, now = new Date()): Promise<UsagePanel | null> {
  const [run, usage] = await Promise.all([evaluateOptimizer(db(), now, [workspaceId], bundlesIn), getUsageStatus(db())]);
  const row = run.rows[0];
  if (!row) return null;
  return {
    billableHours: row.billableHours,
    thresholdHours: run.settings.thresholds[row.computeType] ?? BREAK_EVEN_HOURS[row.computeType] ?? null,
    advice: row.advice,
    target: row.target,
    monthlyDeltaCents: row.monthlyDeltaCents,
    usage,
  };
}
