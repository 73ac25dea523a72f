"use server";

import { delegationInput, delegationRef } from "../schemas/delegations";
import { createDelegation, revokeDelegation } from "../services/delegations";
import { authedAction } from "./client";

export const delegateApprovals = authedAction(
  { name: "delegateApprovals", role: "MANAGER", input: delegationInput },
  async ({ user, input }) => {
    const d = await createDelegation(user, input);
    return { id: d.id };
  },
);

export const endDelegation = authedAction({ name: "endDelegation", role: "MANAGER", input: delegationRef }, async ({ user, input }) => {
  await revokeDelegation(user, input.delegationId);
  return { revoked: true };
});
