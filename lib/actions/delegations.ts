"use server";

import { z } from "zod";
import { createDelegation, delegationInput, revokeDelegation } from "../services/delegations";
import { authedAction } from "./client";

export const delegateApprovals = authedAction({ role: "MANAGER", input: delegationInput }, async ({ user, input }) => {
  const d = await createDelegation(user, input);
  return { id: d.id };
});

export const endDelegation = authedAction({ role: "MANAGER", input: z.object({ delegationId: z.string().min(1).max(64) }) }, async ({ user, input }) => {
  await revokeDelegation(user, input.delegationId);
  return { revoked: true };
});
