import "server-only";
import { recordAudit } from "../../core/audit";
import { db } from "../../db";

// Every call of the REST API leaves one audit event, `api.call`, naming the token (the actor label reads
// `Name (via API token "…")`), the method, the path, the answer's status and the person acted for.
// A change the call made is audited again by the service that made it, with the same label.

export interface ApiCallRecord {
  tokenId: string;
  tokenName: string;
  /** Who acted: the person named in X-On-Behalf-Of once resolved, else the token's service account. */
  actor: { id: string; name: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN" };
  onBehalfOf: string | null;
  method: string;
  path: string;
  status: number;
  /** The request id of the call (the problem's `instance`), to find it in the logs. */
  callId: string;
  at?: Date;
}

/** One insert, outside any transaction: a call's record does not depend on what the call changed. */
export async function recordApiCall(call: ApiCallRecord): Promise<void> {
  await recordAudit(db(), {
    actor: { kind: "user", ...call.actor, via: call.tokenName },
    action: "api.call",
    targetType: "ApiToken",
    targetId: call.tokenId,
    detail: { method: call.method, path: call.path, status: call.status, onBehalfOf: call.onBehalfOf, callId: call.callId },
  });
}
