"use server";

import { decideRequest } from "../services/requests/decide";
import { decideByEmailLink } from "../services/requests/email-decision";
import { ServiceError } from "../core/errors";
import { authedAction } from "./client";
import { bulkApproveInput, decisionInput, emailDecisionInput } from "../schemas/requests";

export const decide = authedAction({ name: "decide", role: "MANAGER", input: decisionInput }, async ({ user, input }) =>
  decideRequest(user, { requestId: input.requestId, decision: input.decision, comment: input.comment, channel: "WEB" }),
);

/** Approves several at once; each is decided on its own, so one that was decided meanwhile does not stop the rest. */
export const approveMany = authedAction({ name: "approveMany", role: "MANAGER", input: bulkApproveInput }, async ({ user, input }) => {
  const results: { requestId: string; ok: boolean; error?: string }[] = [];
  for (const requestId of input.requestIds) {
    try {
      await decideRequest(user, { requestId, decision: "APPROVED", comment: input.comment, channel: "WEB" });
      results.push({ requestId, ok: true });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      results.push({ requestId, ok: false, error: error.message });
    }
  }
  return results;
});

/** Anyone signed in may try; the service checks the link is theirs. */
export const decideFromEmail = authedAction({ name: "decideFromEmail", input: emailDecisionInput }, async ({ user, input }) =>
  decideByEmailLink(user, input.token, input.comment),
);
