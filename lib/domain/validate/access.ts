import type { ChangeType } from "../change";
import type { PolicySettings } from "../settings";
import type { CatalogOffering, Directory, SelfServicePermissions, Workspace } from "../types";
import type { PreconditionContext, Refusal } from "./context";

// Which directory self-service switch governs which change. Changes not listed are portal requests
// that the directory has no switch for (they go through approval instead).
const PERMISSION_FOR_CHANGE: Partial<Record<ChangeType, { permission: keyof SelfServicePermissions; action: string }>> = {
  reboot: { permission: "restartWorkspace", action: "restart their WorkSpace" },
  volumes: { permission: "increaseVolumeSize", action: "increase volume sizes" },
  computeType: { permission: "changeComputeType", action: "change the compute type" },
  runningMode: { permission: "switchRunningMode", action: "switch the running mode" },
  rebuild: { permission: "rebuildWorkspace", action: "rebuild their WorkSpace" },
};

/** Employees (and managers acting for themselves) follow the directory's switches; admins are not bound by them. */
export function selfServiceRefusals(ctx: PreconditionContext, workspace: Workspace, changeType: ChangeType): Refusal[] {
  if (ctx.requester.role === "ADMIN") return [];
  const rule = PERMISSION_FOR_CHANGE[changeType];
  if (!rule) return [];
  const directory = ctx.directories.find((candidate) => candidate.id === workspace.directoryId);
  if (!directory) {
    // Fail closed: without the directory we cannot know whether the switch is on.
    return [
      { code: "DIRECTORY_UNKNOWN", message: "The WorkSpace's directory is not known to the portal; ask an admin to make this change." },
    ];
  }
  if (directory.selfServicePermissions[rule.permission]) return [];
  return [
    {
      code: "SELF_SERVICE_DISABLED",
      message: `Users of the directory "${directory.name}" may not ${rule.action} themselves; ask an admin.`,
    },
  ];
}

/**
 * What a user may be given: the union of the persona's and every group's catalog entries, plus the
 * directories that name the persona or one of the groups themselves.
 */
export function catalogOfferingFor(
  user: { persona: string; groups: readonly string[] },
  directories: readonly Directory[],
  catalog: PolicySettings["catalog"],
): CatalogOffering {
  const entries = [catalog.byPersona[user.persona], ...user.groups.map((group) => catalog.byGroup[group])];
  const bundleIds = new Set<string>();
  const directoryIds = new Set<string>();
  for (const entry of entries) {
    entry?.bundleIds.forEach((id) => bundleIds.add(id));
    entry?.directoryIds.forEach((id) => directoryIds.add(id));
  }
  for (const directory of directories) {
    if (directory.allowedPersonas.includes(user.persona) || directory.allowedGroups.some((group) => user.groups.includes(group))) {
      directoryIds.add(directory.id);
    }
  }
  return { bundleIds: [...bundleIds].sort(), directoryIds: [...directoryIds].sort() };
}
