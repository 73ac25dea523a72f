import type { ChangeType } from "./change";
import type { VolumeEncryptionKeys } from "./encryption";
import { DEFAULT_EXPECTED_AUTO_STOP_HOURS } from "./prices";
import { BREAK_EVEN_HOURS } from "./running-mode";
import type { TagPolicy } from "./tags";
import type { ComputeType } from "./types";

// The admin-editable policy. Defaults are deliberately cautious: any extra monthly cost needs the
// manager, large ones an admin too, and only harmless power actions go through on their own.
// policySettingsSchema (schemas.ts) parses an admin's edit into these types. They are type aliases, not
// interfaces, because they are stored as JSON and only aliases fit Prisma's JSON input type.

export type CatalogEntry = {
  bundleIds: string[];
  directoryIds: string[];
};

export type PolicySettings = {
  /** Monthly cost increase (cents) above which the manager must approve; 0 means any increase. */
  managerThresholdCents: number;
  /** Monthly cost increase (cents) above which an admin must approve as well. */
  adminThresholdCents: number;
  /** Change types approved automatically unless their cost needs approval (approval-rules.ts: the three-way choice). */
  autoApprovedChangeTypes: ChangeType[];
  /** Change types that always wait for the manager, whatever they cost. */
  alwaysNeedApprovalChangeTypes: ChangeType[];
  /** Change types that always wait for the manager and an admin; absent in policies saved before it existed. */
  alwaysNeedAdminChangeTypes: ChangeType[];
  /** Days a pending approval waits before it is escalated to an admin; fractions allowed (0.5 = 12 hours). */
  escalationDays: number;
  /** Days after which an undecided request expires. */
  expiryDays: number;
  expectedAutoStopHoursPerMonth: number;
  /** What each persona and each group may be given; a user gets the union of their persona's and groups' entries. */
  catalog: {
    byPersona: Record<string, CatalogEntry>;
    byGroup: Record<string, CatalogEntry>;
  };
  /** The KMS key for encrypted volumes per directory and per persona (encryption.ts); absent: the AWS managed key. */
  volumeEncryptionKeys?: VolumeEncryptionKeys;
  /** Tag keys employees may edit and keys every new WorkSpace must carry; absent in policies saved before it existed (tagPolicyOf). */
  tags?: TagPolicy;
};

/**
 * What may differ for the WorkSpaces of one AWS account (another business unit, its own budget): the approval
 * thresholds. Absent fields follow the policy. The portal's own account follows the policy as it is.
 */
export type AccountPolicyOverride = {
  managerThresholdCents?: number;
  adminThresholdCents?: number;
};

/** The policy for a WorkSpace in an account with this override; the override's thresholds replace the policy's. */
export function policyForAccount(settings: PolicySettings, override: AccountPolicyOverride | null | undefined): PolicySettings {
  if (!override) return settings;
  const manager = override.managerThresholdCents ?? settings.managerThresholdCents;
  // An admin threshold below the manager's would skip the manager: the admin's is never lower.
  const admin = Math.max(override.adminThresholdCents ?? settings.adminThresholdCents, manager);
  return { ...settings, managerThresholdCents: manager, adminThresholdCents: admin };
}

export const DEFAULT_AUTO_APPROVED_CHANGE_TYPES: readonly ChangeType[] = ["reboot", "start", "stop"];

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  managerThresholdCents: 0,
  adminThresholdCents: 10_000,
  autoApprovedChangeTypes: [...DEFAULT_AUTO_APPROVED_CHANGE_TYPES],
  alwaysNeedApprovalChangeTypes: [],
  alwaysNeedAdminChangeTypes: [],
  escalationDays: 3,
  expiryDays: 14,
  expectedAutoStopHoursPerMonth: DEFAULT_EXPECTED_AUTO_STOP_HOURS,
  catalog: { byPersona: {}, byGroup: {} },
};

/** How the catalog presents an offered bundle to employees: a friendlier name and a sentence on what it is for. */
export type CatalogDisplayEntry = {
  displayName: string;
  description: string;
};

/** One Setting row keyed by bundle id; the bundle itself (AWS's name and specs) is untouched. */
export type CatalogDisplay = Record<string, CatalogDisplayEntry>;

/** The running-mode optimizer's settings (Setting "optimizer"); optimizerSettingsSchema parses an admin's edit. */
export type OptimizerSettings = {
  /** Billable hours a month above which AlwaysOn is cheaper, per compute type; a type without one gets no advice. */
  thresholds: Partial<Record<ComputeType, number>>;
  /** AlwaysOn → AutoStop is recommended only in the month's last this many days (1 = the last day, as the Cost Optimizer). */
  alwaysOnToAutoStopLastDays: number;
  /** Whether the optimizer creates its requests by itself every night. */
  nightly: boolean;
};

export const DEFAULT_OPTIMIZER_SETTINGS: OptimizerSettings = {
  thresholds: { ...BREAK_EVEN_HOURS },
  alwaysOnToAutoStopLastDays: 1,
  nightly: false,
};
