import type { CreateChange } from "../change";
import { policyOf, type Refusal, type ValidationContext } from "./context";
import { runningModeRefusals } from "./running-mode";
import { tagRefusals } from "./tags";
import { volumeCombinationRefusals } from "./volumes";

export function validateCreate(ctx: ValidationContext, change: CreateChange): Refusal[] {
  const policy = policyOf(ctx);
  const refusals: Refusal[] = [];

  const directory = ctx.directories.find((candidate) => candidate.id === change.directoryId);
  if (!directory) {
    refusals.push({ code: "DIRECTORY_UNKNOWN", message: "The chosen directory is not known to the portal." });
  } else if (!ctx.offering.directoryIds.includes(directory.id)) {
    refusals.push({
      code: "DIRECTORY_NOT_OFFERED",
      message: `WorkSpaces in the directory "${directory.name}" are not offered to this user.`,
    });
  }

  const bundle = ctx.bundles.find((candidate) => candidate.id === change.bundleId);
  if (!bundle) {
    refusals.push({ code: "BUNDLE_UNKNOWN", message: "The chosen bundle is not in the catalog." });
  } else {
    if (!ctx.offering.bundleIds.includes(bundle.id)) {
      refusals.push({ code: "BUNDLE_NOT_OFFERED", message: `The bundle "${bundle.name}" is not offered to this user.` });
    }
    if (directory && bundle.region !== directory.region) {
      refusals.push({
        code: "BUNDLE_REGION_MISMATCH",
        message:
          `The bundle "${bundle.name}" is in ${bundle.region} but the directory is in ${directory.region}; ` +
          "both must be in the same Region.",
      });
    }
    const root = change.rootVolumeGb ?? bundle.defaultRootVolumeGb;
    const user = change.userVolumeGb ?? bundle.defaultUserVolumeGb;
    if (root < bundle.defaultRootVolumeGb || user < bundle.defaultUserVolumeGb) {
      refusals.push({
        code: "VOLUME_BELOW_BUNDLE",
        message:
          `The bundle "${bundle.name}" comes with ${bundle.defaultRootVolumeGb} GB root ` +
          `and ${bundle.defaultUserVolumeGb} GB user volumes; volumes cannot be smaller than that.`,
      });
    }
    refusals.push(...volumeCombinationRefusals(root, user, bundle.computeType));
  }

  refusals.push(...runningModeRefusals(ctx, change.runningMode, change.autoStopTimeoutMinutes));
  // One slot is kept for the portal's request-id tag added to every new WorkSpace.
  refusals.push(...tagRefusals(change.tags, { reservedSlots: 1, requiredKeys: policy.requiredTagKeys }));

  const existing = (ctx.userWorkspaces ?? []).filter(
    (workspace) =>
      workspace.ownerUserName === change.ownerUserName &&
      workspace.directoryId === change.directoryId &&
      workspace.state !== "TERMINATED" &&
      workspace.state !== "TERMINATING",
  ).length;
  const pending = (ctx.openCreateRequests ?? []).filter((request) => request.directoryId === change.directoryId).length;
  if (existing + pending >= policy.maxWorkspacesPerUserPerDirectory) {
    refusals.push({
      code: "ONE_WORKSPACE_PER_DIRECTORY",
      message:
        pending > 0 && existing === 0
          ? "A WorkSpace in this directory has already been requested for this user; a user can have only one WorkSpace per directory."
          : "This user already has a WorkSpace in this directory; a user can have only one WorkSpace per directory.",
    });
  }
  return refusals;
}
