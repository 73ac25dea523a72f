"use server";

import { revalidatePath } from "next/cache";
import { keepWorkspace, updateReclaimSettings } from "../services/reclaim-keep";
import { keepWorkspaceInput, reclaimSettingsInput } from "../schemas/reclaim";
import { authedAction } from "./client";

/** "Keep it" on the WorkSpace page; the service checks that the caller owns the WorkSpace (or is an admin). */
export const keepWorkspaceAction = authedAction({ name: "keepWorkspaceAction", input: keepWorkspaceInput }, async ({ user, input }) => {
  const { keptAt } = await keepWorkspace(user, input);
  revalidatePath(`/workspaces/${input.workspaceId}`);
  return { kept: true, keptAt: keptAt.toISOString() };
});

// The domain schema validates inside the service, so the refusal names the rule that failed.
export const updateReclaimSettingsAction = authedAction(
  { name: "updateReclaimSettingsAction", role: "ADMIN", input: reclaimSettingsInput },
  async ({ user, input }) => {
    await updateReclaimSettings(user, input);
    revalidatePath("/admin/policies");
    return { saved: true };
  },
);
