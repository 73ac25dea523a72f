import type { MigrateChange } from "../change";
import type { Workspace } from "../types";
import { HOUR_MS, hasElapsed, requireState, waitSentence, type PreconditionContext, type Refusal, type ValidationContext } from "./context";
import { requireSnapshot } from "./lifecycle";

/** Migration rebuilds from the latest snapshot; the first one exists after about 12 hours. */
export const MIGRATE_MIN_AGE_MS = 12 * HOUR_MS;

export function migratePreconditions(ctx: PreconditionContext, workspace: Workspace): Refusal[] {
  const refusals: Refusal[] = [...requireState(workspace, ["AVAILABLE", "STOPPED", "ERROR"], "be migrated")];
  if (!hasElapsed(workspace.createdAt, ctx.now, MIGRATE_MIN_AGE_MS)) {
    refusals.push({
      code: "MIGRATE_TOO_NEW",
      message:
        "A WorkSpace must be at least 12 hours old before it can be migrated. " +
        waitSentence(workspace.createdAt, ctx.now, MIGRATE_MIN_AGE_MS),
    });
  }
  return [...refusals, ...requireSnapshot(workspace, "migrated")];
}

export function migrateParameterRefusals(ctx: ValidationContext, workspace: Workspace, change: MigrateChange): Refusal[] {
  const refusals: Refusal[] = [];
  if (change.targetBundleId === workspace.bundleId) {
    refusals.push({
      code: "MIGRATE_SAME_BUNDLE",
      message: "The WorkSpace already uses this bundle; choose a different bundle to migrate to.",
    });
  }
  if (workspace.operatingSystem === "LINUX") {
    refusals.push({ code: "MIGRATE_LINUX", message: "Linux WorkSpaces cannot be migrated to another bundle." });
  }

  const target = ctx.bundles.find((bundle) => bundle.id === change.targetBundleId);
  if (!target) return [...refusals, { code: "BUNDLE_UNKNOWN", message: "The bundle to migrate to is not in the catalog." }];
  if (!ctx.offering.bundleIds.includes(target.id)) {
    refusals.push({ code: "BUNDLE_NOT_OFFERED", message: `The bundle "${target.name}" is not offered to this WorkSpace's user.` });
  }
  if (target.operatingSystem === "LINUX" && workspace.operatingSystem !== "LINUX") {
    refusals.push({ code: "MIGRATE_LINUX", message: "A WorkSpace cannot be migrated to a Linux bundle." });
  }
  if (target.region !== workspace.region) {
    refusals.push({
      code: "MIGRATE_CROSS_REGION",
      message: `The bundle is in ${target.region} but the WorkSpace is in ${workspace.region}; migration stays within one Region.`,
    });
  }

  const source = ctx.bundles.find((bundle) => bundle.id === workspace.bundleId);
  if (!source) {
    // Without the source bundle the licence rules cannot be checked, and a wrong guess could break licensing.
    return [
      ...refusals,
      {
        code: "SOURCE_BUNDLE_UNKNOWN",
        message: "The WorkSpace's current bundle is not in the catalog, so the portal cannot check whether this migration is allowed.",
      },
    ];
  }
  if (source.licence === "BYOL" && target.licence !== "BYOL") {
    refusals.push({
      code: "MIGRATE_BYOL_TO_INCLUDED",
      message: "A WorkSpace with your own Windows licence (BYOL) can only be migrated to another BYOL bundle.",
    });
  }
  if (source.licence !== "BYOL" && target.licence === "BYOL") {
    refusals.push({
      code: "MIGRATE_TO_BYOL",
      message: "A WorkSpace from a public or custom bundle cannot be migrated to a bundle that uses your own Windows licence (BYOL).",
    });
  }
  return refusals;
}
