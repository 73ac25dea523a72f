import "server-only";
import type { Actor, Tx } from "./tx";
import { toJson } from "./tx";

export interface AuditEntry {
  actor: Actor;
  /** Dotted verb, e.g. "request.submitted", "request.approved", "aws.RebootWorkspaces", "ipgroup.created". */
  action: string;
  targetType: string;
  targetId: string;
  requestId?: string;
  before?: unknown;
  after?: unknown;
  awsRequestIds?: string[];
  detail?: unknown;
}

/** The person's name, and the API token when they acted through the REST API: `Alice Example (via API token "ServiceNow")`. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "user" && actor.via ? `${actor.name} (via API token "${actor.via}")` : actor.name;
}

/** Appends one event; call it inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actor.kind === "user" ? entry.actor.id : null,
      actorLabel: actorLabel(entry.actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      requestId: entry.requestId ?? null,
      before: entry.before === undefined ? undefined : toJson(entry.before),
      after: entry.after === undefined ? undefined : toJson(entry.after),
      awsRequestIds: entry.awsRequestIds ?? [],
      detail: entry.detail === undefined ? undefined : toJson(entry.detail),
    },
  });
}
