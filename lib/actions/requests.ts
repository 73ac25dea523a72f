"use server";

import { describeMonthlyDelta } from "../domain";
import { assessChange } from "../services/requests/assess";
import { cancelRequest as cancel } from "../services/requests/cancel";
import { submitRequest } from "../services/requests/submit";
import { db } from "../db";
import { authedAction } from "./client";
import { changeRequestInput, previewInput, requestIdInput } from "../schemas/requests";

/** What the form shows beside the fields before anything is submitted. */
export const previewChange = authedAction({ name: "previewChange", input: previewInput }, async ({ user, input }) => {
  const a = await assessChange(db(), user, input);
  return {
    allowed: a.allowed,
    reasons: a.reasons,
    monthlyDelta: a.cost.ok
      ? {
          cents: a.cost.delta.cents,
          currency: a.cost.delta.currency,
          text: describeMonthlyDelta(a.cost.delta),
          notes: a.cost.notes,
          unconfirmedPrices: a.cost.usesUnconfirmedPrices,
        }
      : null,
    costProblem: a.cost.ok ? null : a.cost.message,
    approval: { autoApproved: a.approval.autoApproved, why: a.approval.why, steps: a.approval.steps.map((s) => s.role) },
    downtime: a.downtime.sentence,
    loss: a.loss?.sentence ?? null,
  };
});

export const submitChangeRequest = authedAction({ name: "submitChangeRequest", input: changeRequestInput }, async ({ user, input }) =>
  submitRequest(user, input),
);

export const cancelMyRequest = authedAction({ name: "cancelMyRequest", input: requestIdInput }, async ({ user, input }) => {
  await cancel(user, input.requestId);
  return { cancelled: true };
});
