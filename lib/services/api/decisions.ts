import "server-only";
import { db } from "../../db";
import { requestResource } from "../../core/api-resources";
import { notFound, ServiceError } from "../../core/errors";
import type { ApiRequest } from "../../schemas/api";
import type { ApiDecisionCreate } from "../../schemas/api-inputs";
import { decideRequest } from "../requests/decide";
import type { ApiCaller } from "./caller";

export const APPROVER_REQUIRED = "APPROVER_REQUIRED";

/**
 * Records an approval or rejection an ITSM tool collected, for the approver it names. The approver
 * must be eligible now by the same check the web uses (decideRequest → mayDecide); the decision is
 * recorded with channel API and the token. A service account never decides.
 */
export async function apiDecide(caller: ApiCaller, requestId: string, input: ApiDecisionCreate, now = new Date()): Promise<ApiRequest> {
  if (!caller.onBehalf) {
    const message = "A decision is recorded for a named approver: send their email in the X-On-Behalf-Of header.";
    throw new ServiceError("forbidden", message, [{ code: APPROVER_REQUIRED, message }]);
  }
  await decideRequest(
    caller.actor,
    { requestId, decision: input.decision, comment: input.comment, channel: "API", apiTokenId: caller.tokenId },
    now,
  );
  const request = await requestResource(db(), requestId);
  if (!request) throw notFound("That request");
  return request;
}
