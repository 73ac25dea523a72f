import "server-only";
import {
  autoStopHoursForEstimate,
  approvalPolicy,
  catalogOfferingFor,
  expectedDowntime,
  isDestructive,
  managerStepFor,
  OPEN_STATUSES,
  openRequestRefusals,
  tagPolicyOf,
  tagValidationPolicy,
  whatIsLost,
  withoutMaintenanceHold,
  type ApprovalDecision,
  type Change,
  type CostDeltaResult,
  type DataLoss,
  type Directory,
  type ExpectedDowntime,
  type Refusal,
  type Requester,
  type RequestOrigin,
  type Workspace,
} from "../../domain";
import { withVolumeEncryptionKey } from "../../domain/encryption";
import { getConfig } from "../../config";
import type { User, Workspace as WorkspaceRow } from "../../generated/prisma/client";
import { catalogSource } from "../../core/catalog";
import { notFound, ServiceError } from "../../core/errors";
import { getPriceTable } from "../../core/settings";
import { policySettingsFor } from "../../core/accounts";
import type { Tx } from "../../core/tx";
import { usageThisMonth } from "../../core/usage";
import { toDomainWorkspace } from "../../core/workspace-records";
import { changeKind } from "../../changes/registry";

export interface RequestActor {
  id: string;
  name: string;
  role: "EMPLOYEE" | "MANAGER" | "ADMIN";
  /** The REST API token's name when the person acts through the API; the audit log names it. */
  via?: string;
}

export interface ChangeInput {
  change: Change;
  /** An admin asking on someone's behalf; everyone else asks for themselves. */
  beneficiaryId?: string;
  confirmDestructive?: boolean;
  /** Set when a portal job (the optimizer, reclaiming) raises the request; it then follows the policy even for an admin. */
  origin?: RequestOrigin;
}

export interface Assessment {
  change: Change;
  allowed: boolean;
  reasons: Refusal[];
  beneficiary: Pick<User, "id" | "name" | "email" | "managerId">;
  region: string;
  directoryId: string | null;
  workspace: Workspace | null;
  cost: CostDeltaResult;
  approval: ApprovalDecision;
  /** An admin acting on someone else's WorkSpace (or for someone): no approval, but still every rule. */
  adminAction: boolean;
  downtime: ExpectedDowntime;
  loss: DataLoss | null;
}

/** Where a directory is: its Region and AWS account (the environment's own first, then each configured one's Regions). */
async function findDirectory(
  tx: Tx,
  regions: readonly string[],
  directoryId: string,
): Promise<{ region: string; accountId?: string; directories: Directory[] } | null> {
  const catalog = catalogSource();
  for (const region of regions) {
    const directories = await catalog.directories(region);
    if (directories.some((d) => d.id === directoryId)) return { region, directories };
  }
  const accounts = await tx.awsAccount.findMany({ select: { id: true, regions: true }, orderBy: { name: "asc" } });
  for (const account of accounts)
    for (const region of account.regions.filter((r) => regions.includes(r))) {
      const directories = await catalog.directories(region, account.id);
      if (directories.some((d) => d.id === directoryId)) return { region, accountId: account.id, directories };
    }
  return null;
}

/**
 * Everything the portal can say about a change before it is submitted: whether it is allowed (and why
 * not), what it costs a month, who must approve, the downtime and what is lost. Read-only; the form's
 * live preview and submitRequest share it, so what the user saw is what is enforced.
 */
export async function assessChange(tx: Tx, actor: RequestActor, input: ChangeInput, now = new Date()): Promise<Assessment> {
  if (input.change.type === "resetPassword")
    throw new ServiceError("invalid", "Password resets are done on the reset password page, not as a request.");
  if (input.beneficiaryId && input.beneficiaryId !== actor.id && actor.role !== "ADMIN") {
    throw new ServiceError("forbidden", "Only admins can ask for a WorkSpace on someone else's behalf.");
  }

  let row: WorkspaceRow | null = null;
  if (input.change.type !== "create") {
    row = await tx.workspace.findFirst({ where: { id: input.change.workspaceId, goneAt: null } });
    if (!row || (row.ownerId !== actor.id && actor.role !== "ADMIN")) throw notFound("That WorkSpace");
  }
  const beneficiaryId = row ? (row.ownerId ?? actor.id) : (input.beneficiaryId ?? actor.id);
  const beneficiary = await tx.user.findUnique({ where: { id: beneficiaryId } });
  if (!beneficiary) throw notFound("That person");
  const adminAction = actor.role === "ADMIN" && beneficiary.id !== actor.id;

  let change = input.change;
  const regions = getConfig().aws.regions;
  const catalog = catalogSource();
  let region: string;
  let accountId: string | undefined;
  let directories: Directory[];
  if (change.type === "create") {
    // The WorkSpace is always for the beneficiary's own directory account, whatever the form sent.
    if (!beneficiary.directoryUserName)
      throw new ServiceError("refused", `${beneficiary.name} has no directory user name yet; ask an admin to set it.`);
    // The AWS account is the directory's, whatever the form sent.
    const { accountId: _sent, ...asked } = change;
    const found = await findDirectory(tx, regions, asked.directoryId);
    change = { ...asked, ownerUserName: beneficiary.directoryUserName, ...(found?.accountId ? { accountId: found.accountId } : {}) };
    accountId = found?.accountId;
    region = found?.region ?? getConfig().aws.defaultRegion;
    directories = found?.directories ?? (await catalog.directories(region));
  } else {
    region = row!.region;
    accountId = row!.accountId;
    directories = await catalog.directories(region, accountId);
  }
  // A new WorkSpace is made from the bundles its directory's account has.
  const bundles = await catalog.bundles(region, accountId);
  const snapshots =
    row && ["migrate", "restore", "rebuild", "volumes", "computeType"].includes(change.type)
      ? await catalog.snapshots(region, row.id, row.accountId)
      : undefined;
  const workspace = row ? toDomainWorkspace(row, snapshots, bundles) : null;

  const [settings, prices, manager] = await Promise.all([
    // A WorkSpace in another AWS account follows that account's approval thresholds where it has its own.
    policySettingsFor(tx, accountId),
    getPriceTable(tx),
    beneficiary.managerId ? tx.user.findUnique({ where: { id: beneficiary.managerId }, select: { id: true, role: true } }) : null,
  ]);
  if (change.type === "create") change = withVolumeEncryptionKey(change, settings.volumeEncryptionKeys, beneficiary.persona);
  // A recorded manager who no longer holds an approving role cannot decide; admins stand in, by the same
  // rule that routes open steps again when a role changes.
  const managerStep = managerStepFor(beneficiary.id, manager);
  const requester: Requester = {
    id: beneficiary.id,
    role: actor.role,
    persona: beneficiary.persona,
    groups: beneficiary.groups,
    managerId: managerStep.role === "MANAGER" ? managerStep.approverId : null,
  };
  const offering = catalogOfferingFor(beneficiary, directories, settings.catalog);

  let userWorkspaces: Workspace[] | undefined;
  let openCreateRequests: { directoryId: string }[] | undefined;
  if (change.type === "create") {
    const rows = await tx.workspace.findMany({
      where: {
        goneAt: null,
        state: { notIn: ["TERMINATED", "TERMINATING"] },
        OR: [{ ownerId: beneficiary.id }, { userName: beneficiary.directoryUserName! }],
      },
    });
    userWorkspaces = rows.map((r) => toDomainWorkspace(r));
    const open = await tx.request.findMany({
      where: { beneficiaryId: beneficiary.id, type: "create", status: { in: [...OPEN_STATUSES] } },
      select: { directoryId: true },
    });
    openCreateRequests = open.filter((o): o is { directoryId: string } => o.directoryId !== null);
  }

  const kind = changeKind(change);
  const validation = kind.validate(
    {
      now,
      requester,
      workspace,
      bundles,
      directories,
      offering,
      userWorkspaces,
      openCreateRequests,
      // Required tags on a new WorkSpace and the keys employees may edit come from the policy's tag rules.
      policy: tagValidationPolicy(tagPolicyOf(settings)),
    },
    change,
  );
  // A configuration change asked for during admin maintenance is accepted; the executor holds it until the end.
  const reasons: Refusal[] = validation.ok ? [] : withoutMaintenanceHold(validation.reasons, workspace?.state, change.type);

  if (row) {
    const open = await tx.request.findMany({
      where: { workspaceId: row.id, status: { in: [...OPEN_STATUSES] } },
      select: { status: true, type: true },
    });
    reasons.push(...openRequestRefusals(open, change.type));
  }
  if (isDestructive(change) && !input.confirmDestructive) {
    reasons.push({ code: "CONFIRMATION_REQUIRED", message: "Confirm that you understand what this change erases." });
  }

  const usage = row ? (await usageThisMonth(tx, [row.id], now)).get(row.id) : undefined;
  const expectedAutoStopHours = autoStopHoursForEstimate(usage?.projectedHours, settings.expectedAutoStopHoursPerMonth);
  const cost = kind.costDelta(workspace, change, { prices, bundles, expectedAutoStopHours });
  const approval: ApprovalDecision =
    adminAction && !input.origin
      ? {
          autoApproved: true,
          steps: [],
          requiresRequesterConfirmation: isDestructive(change),
          why: "Changes made by an admin need no approval.",
        }
      : approvalPolicy({ change, costDelta: cost.ok ? cost.delta : null, requester, settings, origin: input.origin });

  return {
    change,
    allowed: reasons.length === 0,
    reasons,
    beneficiary,
    region,
    directoryId: change.type === "create" ? change.directoryId : row!.directoryId,
    workspace,
    cost,
    approval,
    adminAction,
    downtime: expectedDowntime(change),
    loss: whatIsLost(change),
  };
}
