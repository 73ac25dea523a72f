"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "../services/admin/api-tokens";
import { apiTokenCreateInput, apiTokenIdInput } from "../schemas/api";
import { authedAction } from "./client";

// The secret travels back to the admin's browser once, in this answer; the page never stores it.
export const createApiTokenAction = authedAction(
  { name: "createApiTokenAction", role: "ADMIN", input: apiTokenCreateInput },
  async ({ user, input }) => {
    const created = await createApiToken(user, input);
    revalidatePath("/admin/api-tokens");
    return { id: created.id, token: created.token, prefix: created.prefix, expiresAt: created.expiresAt.toISOString() };
  },
);

export const revokeApiTokenAction = authedAction(
  { name: "revokeApiTokenAction", role: "ADMIN", input: apiTokenIdInput },
  async ({ user, input }) => {
    const { revokedAt } = await revokeApiToken(user, input.tokenId);
    revalidatePath("/admin/api-tokens");
    return { revokedAt: revokedAt.toISOString() };
  },
);
