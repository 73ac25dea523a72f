// From the domain's own modules, not its barrel (lib/domain/client): every client component that labels something
// would otherwise ship the whole barrel's module-level work (the example price table, volume sizes and more).
import { CHANGE_TYPE_NOUNS, type ApprovalRule } from "../domain/approval-rules";
import type { ChangeType } from "../domain/change";
import { COMPUTE_SIZE_ORDER } from "../domain/compute-size";
import { userVisibleState } from "../domain/impact";
import type { ComputeType, WorkspaceState } from "../domain/types";

// The one set of words the portal uses for AWS's codes. Employees, managers and admins read the same labels;
// a raw code shows only as secondary text where an admin needs it. Pure and client-safe (no server imports).

const COMPUTE_NAMES: Record<ComputeType, string> = {
  VALUE: "Value",
  STANDARD: "Standard",
  PERFORMANCE: "Performance",
  POWER: "Power",
  POWERPRO: "PowerPro",
  GRAPHICS: "Graphics",
  GRAPHICSPRO: "GraphicsPro",
  GRAPHICS_G4DN: "Graphics.g4dn",
  GRAPHICSPRO_G4DN: "GraphicsPro.g4dn",
};

/** "Graphics.g4dn" for GRAPHICS_G4DN; an unknown code is shown as AWS sent it. */
export function computeTypeLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return COMPUTE_NAMES[type as ComputeType] ?? type;
}

/** Sort key by size, smallest first (unknown codes last), so a table sorts Value < Standard < … not by text. */
export function computeTypeRank(type: string | null | undefined): number {
  return (type && COMPUTE_SIZE_ORDER[type as ComputeType]) || 99;
}

const RUNNING_MODE_NAMES: Record<string, string> = { AUTO_STOP: "AutoStop", ALWAYS_ON: "AlwaysOn", MANUAL: "Manual" };

/** "AutoStop" / "AlwaysOn" / "Manual". */
export function runningModeLabel(mode: string | null | undefined): string {
  if (!mode) return "—";
  return RUNNING_MODE_NAMES[mode] ?? mode;
}

/** "AutoStop (stops after 1 h idle)": the running mode with its timeout, as the employee's card reads it. */
export function runningModeWithTimeout(mode: string | null | undefined, autoStopTimeoutMinutes?: number | null): string {
  if (mode !== "AUTO_STOP") return runningModeLabel(mode);
  const hours = (autoStopTimeoutMinutes ?? 60) / 60;
  return `AutoStop (stops after ${hours} h idle)`;
}

/** "Ready" for AVAILABLE, "Stopped" for STOPPED; an unknown state is shown as AWS sent it. */
export function workspaceStateLabel(state: string | null | undefined): string {
  if (!state) return "—";
  return userVisibleState(state as WorkspaceState)?.label ?? state;
}

const PROTOCOL_NAMES: Record<string, string> = { PCOIP: "PCoIP", WSP: "DCV" };

/** "DCV" for WSP (AWS renamed WorkSpaces Streaming Protocol to Amazon DCV), "PCoIP" for PCOIP. */
export function protocolLabel(protocol: string | null | undefined): string {
  if (!protocol) return "—";
  return PROTOCOL_NAMES[protocol] ?? protocol;
}

/** "Windows", "Linux", "Ubuntu": the family of an OperatingSystemName or platform code. */
export function operatingSystemLabel(os: string | null | undefined): string {
  if (!os) return "—";
  const upper = os.toUpperCase();
  if (upper.startsWith("WINDOWS")) return "Windows";
  if (upper.includes("UBUNTU")) return "Ubuntu";
  if (upper.includes("ROCKY")) return "Rocky Linux";
  if (upper.includes("RHEL") || upper.includes("RED_HAT")) return "Red Hat Enterprise Linux";
  if (upper.includes("AMAZON_LINUX") || upper === "LINUX") return "Linux";
  return os;
}

/**
 * How people name one WorkSpace: "WSAMZN-LLQWLC2M (Standard, Windows)". The computer name when AWS has given
 * one, else the bundle's name, else (only then) the id.
 */
export function workspaceDisplayName(ws: {
  id: string;
  computerName?: string | null;
  computeType?: string | null;
  operatingSystem?: string | null;
  bundleName?: string | null;
}): string {
  const details = [
    ws.computeType ? computeTypeLabel(ws.computeType) : null,
    ws.operatingSystem ? operatingSystemLabel(ws.operatingSystem) : null,
  ]
    .filter(Boolean)
    .join(", ");
  const base = ws.computerName || (ws.bundleName ? `${ws.bundleName} WorkSpace` : ws.id);
  return details ? `${base} (${details})` : base;
}

// WorkSpaces (AD_CONNECTOR) and Directory Service (ADConnector) spell a directory's type differently.
const DIRECTORY_TYPE_NAMES: Record<string, string> = {
  AD_CONNECTOR: "AD Connector",
  ADConnector: "AD Connector",
  SIMPLE_AD: "Simple AD",
  SimpleAD: "Simple AD",
  MicrosoftAD: "AWS Managed Microsoft AD",
  SharedMicrosoftAD: "AWS Managed Microsoft AD (shared)",
  CUSTOMER_MANAGED: "Self-managed Active Directory",
  AWS_IAM_IDENTITY_CENTER: "IAM Identity Center",
};

/** "AD Connector", "AWS Managed Microsoft AD", "Simple AD": from either API's code; an unknown code as sent. */
export function directoryTypeLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return DIRECTORY_TYPE_NAMES[type] ?? type;
}

const DIRECTORY_STATE_NAMES: Record<string, string> = {
  REGISTERING: "Registering",
  REGISTERED: "Registered",
  DEREGISTERING: "Deregistering",
  DEREGISTERED: "Deregistered",
  ERROR: "Error",
};

/** "Registered" for REGISTERED: a directory's state with WorkSpaces. */
export function directoryStateLabel(state: string | null | undefined): string {
  if (!state) return "—";
  return DIRECTORY_STATE_NAMES[state] ?? state;
}

const RADIUS_STATUS_NAMES: Record<string, string> = { Creating: "Being set up", Completed: "Working", Failed: "Failed" };

/** "Being set up", "Working", "Failed": Directory Service's RadiusStatus of a directory's MFA. */
export function radiusStatusLabel(status: string | null | undefined): string {
  if (!status) return "—";
  return RADIUS_STATUS_NAMES[status] ?? status;
}

const RADIUS_PROTOCOL_NAMES: Record<string, string> = { PAP: "PAP", CHAP: "CHAP", "MS-CHAPv1": "MS-CHAP v1", "MS-CHAPv2": "MS-CHAP v2" };

/** "MS-CHAP v2" for MS-CHAPv2: the protocol a directory speaks to its RADIUS servers. */
export function radiusProtocolLabel(protocol: string | null | undefined): string {
  if (!protocol) return "—";
  return RADIUS_PROTOCOL_NAMES[protocol] ?? protocol;
}

/** "Compute type changes", "Restarts": a change type named as the approval policy's rules read. */
export function changeTypeLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return CHANGE_TYPE_NOUNS[type as ChangeType] ?? type;
}

const APPROVAL_RULE_NAMES: Record<ApprovalRule, string> = {
  automatic: "Automatic",
  manager: "Manager",
  managerAndAdmin: "Manager + admin",
};

/** "Automatic" / "Manager" / "Manager + admin": the three-way choice of who approves a change type. */
export function approvalRuleLabel(rule: ApprovalRule): string {
  return APPROVAL_RULE_NAMES[rule];
}

/** "Employee" for EMPLOYEE, "Sales engineer" for SALES_ENGINEER; a persona written in words is kept as it is. */
export function personaLabel(persona: string | null | undefined): string {
  if (!persona) return "—";
  if (!/^[A-Z][A-Z0-9_]*$/.test(persona)) return persona;
  const words = persona.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const LICENCE_NAMES: Record<string, string> = { INCLUDED: "Licence included", BYOL: "Bring your own licence" };

/** "Licence included" / "Bring your own licence" for a price's Windows licence. */
export function licenceLabel(licence: string | null | undefined): string {
  if (!licence) return "—";
  return LICENCE_NAMES[licence] ?? licence;
}

/**
 * A bundle's name as people read it. AWS names its public bundles "Standard with Windows 10 (Server 2019 based)
 * (PCOIP)" or "… (WSP)", its protocol codes in brackets; those become "(PCoIP)" and "(DCV)", as protocolLabel says.
 */
export function bundleNameLabel(name: string | null | undefined): string {
  if (!name) return "—";
  return name.replace(/\((PCOIP|WSP)\)/g, (_, code: string) => `(${protocolLabel(code)})`);
}

const ALIAS_STATE_NAMES: Record<string, string> = { CREATING: "Being created", CREATED: "Ready", DELETING: "Being deleted" };

/** "Ready" for a connection alias in CREATED, "Being created" / "Being deleted" while AWS works on it. */
export function aliasStateLabel(state: string | null | undefined): string {
  if (!state) return "—";
  return ALIAS_STATE_NAMES[state] ?? state;
}

const ALIAS_ASSOCIATION_NAMES: Record<string, string> = {
  NOT_ASSOCIATED: "No directory",
  ASSOCIATED_WITH_OWNER_ACCOUNT: "Associated",
  ASSOCIATED_WITH_SHARED_ACCOUNT: "Associated by a shared account",
  PENDING_ASSOCIATION: "Being associated",
  PENDING_DISASSOCIATION: "Being disassociated",
};

/** "Associated" / "Being associated" …: a connection alias's association status with its directory. */
export function aliasAssociationLabel(status: string | null | undefined): string {
  if (!status) return "No directory";
  return ALIAS_ASSOCIATION_NAMES[status] ?? status;
}

const IMAGE_STATE_NAMES: Record<string, string> = { AVAILABLE: "Available", PENDING: "Being made", ERROR: "Failed" };

/** "Available" / "Being made" / "Failed" for a custom image's state (DescribeWorkspaceImages' AVAILABLE, PENDING, ERROR). */
export function imageStateLabel(state: string | null | undefined): string {
  if (!state) return "—";
  return IMAGE_STATE_NAMES[state] ?? state.charAt(0) + state.slice(1).toLowerCase().replace(/_/g, " ");
}
