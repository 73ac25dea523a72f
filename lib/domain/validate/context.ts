import type { Bundle, CatalogOffering, Directory, Requester, Workspace, WorkspaceState } from "../types";

/** Everything a rule may look at. The caller loads it; the rules never fetch anything themselves. */
export interface ValidationContext {
  /** The moment the request is judged; rules never read the clock themselves. */
  now: Date;
  requester: Requester;
  /** The WorkSpace the change is about; null for "create". */
  workspace: Workspace | null;
  bundles: readonly Bundle[];
  directories: readonly Directory[];
  /** Directories and bundles the WorkSpace's user may have (see catalogOfferingFor). */
  offering: CatalogOffering;
  /** For "create": the user's existing WorkSpaces and still-open create requests. */
  userWorkspaces?: readonly Workspace[];
  openCreateRequests?: readonly { directoryId: string }[];
  /** Only for "resetPassword": what the directory knows about the user, when the caller knows it. */
  directoryUser?: { isDomainOrEnterpriseAdmin: boolean; inDirectoryOwnOu: boolean };
  policy?: Partial<ValidationPolicy>;
}

/** Rules AWS leaves to the account (or that newer accounts relax): kept as settings, not constants. */
export interface ValidationPolicy {
  maxWorkspacesPerUserPerDirectory: number;
  /** MANUAL running mode exists only for allow-listed WorkSpaces Core accounts. */
  allowManualRunningMode: boolean;
  /** Tag keys every new WorkSpace must carry, e.g. "CostCenter" for cost allocation. */
  requiredTagKeys: readonly string[];
  /** Tag keys people other than admins may edit on their WorkSpaces (the policy's tags.employeeEditableKeys); none by default. */
  employeeEditableTagKeys: readonly string[];
}

export const DEFAULT_VALIDATION_POLICY: ValidationPolicy = {
  maxWorkspacesPerUserPerDirectory: 1,
  allowManualRunningMode: false,
  requiredTagKeys: [],
  employeeEditableTagKeys: [],
};

/**
 * What the preconditions of a change look at: whether it can be asked for at all on a WorkSpace, before
 * anyone chose sizes, a compute type or a bundle. The catalog and the offering matter only to the choices.
 */
export interface PreconditionContext extends Pick<ValidationContext, "now" | "directories" | "directoryUser" | "policy"> {
  requester: Pick<Requester, "role">;
}

export function policyOf(ctx: Pick<ValidationContext, "policy">): ValidationPolicy {
  return { ...DEFAULT_VALIDATION_POLICY, ...ctx.policy };
}

export interface Refusal {
  /** Stable identifier for code, tests and translations; the message may be reworded. */
  code: string;
  /** A sentence a non-expert understands. */
  message: string;
}

export type ValidationResult = { ok: true } | { ok: false; reasons: Refusal[] };

export function resultOf(reasons: readonly Refusal[]): ValidationResult {
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons: [...reasons] };
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** True when at least `durationMs` has passed since `since` (or nothing happened yet). Exactly the duration counts as enough. */
export function hasElapsed(since: Date | null | undefined, now: Date, durationMs: number): boolean {
  return since == null || now.getTime() - since.getTime() >= durationMs;
}

/** "about 2 hours 5 minutes": how long until `since + durationMs`. */
export function waitSentence(since: Date, now: Date, durationMs: number): string {
  const remainingMinutes = Math.max(1, Math.ceil((since.getTime() + durationMs - now.getTime()) / MINUTE_MS));
  const days = Math.floor(remainingMinutes / (24 * 60));
  const hours = Math.floor((remainingMinutes % (24 * 60)) / 60);
  const minutes = remainingMinutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours > 0 && days < 2) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (minutes > 0 && days === 0) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  return `Try again in about ${parts.join(" ")}.`;
}

const STATE_WORDS: Record<WorkspaceState, string> = {
  PENDING: "still being created",
  AVAILABLE: "running",
  IMPAIRED: "impaired",
  UNHEALTHY: "unhealthy",
  REBOOTING: "restarting",
  STARTING: "starting",
  REBUILDING: "being rebuilt",
  RESTORING: "being restored",
  MAINTENANCE: "in maintenance",
  ADMIN_MAINTENANCE: "in admin maintenance",
  TERMINATING: "being removed",
  TERMINATED: "removed",
  SUSPENDED: "suspended",
  UPDATING: "being updated",
  STOPPING: "stopping",
  STOPPED: "stopped",
  ERROR: "in an error state",
};

export function stateInWords(state: WorkspaceState): string {
  return STATE_WORDS[state];
}

/** The refusal for "this action needs one of these states". */
export function requireState(workspace: Workspace, allowed: readonly WorkspaceState[], action: string): Refusal[] {
  if (allowed.includes(workspace.state)) return [];
  if (workspace.state === "ADMIN_MAINTENANCE") {
    return [
      {
        code: "ADMIN_MAINTENANCE",
        message: `The WorkSpace is in admin maintenance, so it cannot ${action} until an admin ends the maintenance.`,
      },
    ];
  }
  const allowedWords = [...new Set(allowed.map(stateInWords))];
  return [
    {
      code: "WRONG_STATE",
      message: `The WorkSpace is ${stateInWords(workspace.state)}; it can ${action} only when it is ${joinWords(allowedWords, "or")}.`,
    },
  ];
}

export function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** ModifyWorkspaceProperties refuses while another modification is still being applied. */
export function requireNoModificationInProgress(workspace: Workspace): Refusal[] {
  if (workspace.modificationsInProgress.length === 0) return [];
  return [
    { code: "MODIFICATION_IN_PROGRESS", message: "Another change to this WorkSpace is still being applied; wait until it has finished." },
  ];
}
