import "server-only";
import type { Refusal } from "../../domain";
import { db } from "../../db";
import { requestResource } from "../../core/api-resources";
import { notFound } from "../../core/errors";
import type { ApiRequest } from "../../schemas/api";
import type { ApiRequestCreate } from "../../schemas/api-inputs";
import { cancelRequest } from "../requests/cancel";
import { submitRequest } from "../requests/submit";
import { PERSON_NOT_FOUND, personByEmail, personNotFoundMessage, type ApiCaller } from "./caller";

// The REST API's request writes: thin over the services the web uses, so every rule, the approval
// policy and the audit apply exactly as in the portal; only the answer's shape is the API's.

export type ApiSubmitResult = { ok: true; request: ApiRequest; created: boolean } | { ok: false; reasons: Refusal[] };

async function resource(requestId: string): Promise<ApiRequest> {
  const request = await requestResource(db(), requestId);
  if (!request) throw notFound("That request");
  return request;
}

/**
 * Submits a change for the caller. `beneficiaryEmail` names the person an admin asks for (the web's
 * beneficiary); anyone else may only name themselves, which assessChange enforces.
 */
export async function apiSubmitRequest(caller: ApiCaller, input: ApiRequestCreate, now = new Date()): Promise<ApiSubmitResult> {
  let beneficiaryId: string | undefined;
  if (input.beneficiaryEmail !== undefined) {
    const beneficiary = await personByEmail(input.beneficiaryEmail);
    if (!beneficiary) return { ok: false, reasons: [{ code: PERSON_NOT_FOUND, message: personNotFoundMessage(input.beneficiaryEmail) }] };
    beneficiaryId = beneficiary.id;
  }
  const result = await submitRequest(
    caller.actor,
    { change: input.change, justification: input.justification, confirmDestructive: input.confirmDestructive ?? false, beneficiaryId },
    now,
  );
  if (!result.ok) return result;
  return { ok: true, request: await resource(result.requestId), created: !result.duplicate };
}

/** Withdraws a request still waiting for approval; only its requester may, as in the portal. */
export async function apiCancelRequest(caller: ApiCaller, requestId: string, now = new Date()): Promise<ApiRequest> {
  await cancelRequest(caller.actor, requestId, now);
  return resource(requestId);
}
