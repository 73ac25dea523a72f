"use server";

import { revalidatePath } from "next/cache";
import { createOptimizerRequests, refreshUsageNow, updateOptimizerSettings } from "../services/optimizer";
import { createOptimizerRequestsInput, optimizerSettingsForm, refreshUsageInput } from "../schemas/optimizer";
import { authedAction } from "./client";

export const createOptimizerRequestsAction = authedAction(
  { name: "createOptimizerRequestsAction", role: "ADMIN", input: createOptimizerRequestsInput },
  async ({ user, input }) => {
    const outcome = await createOptimizerRequests(user, input);
    revalidatePath("/admin/optimizer");
    return { message: outcome.message, created: outcome.created, skipped: outcome.skipped.reduce((n, s) => n + s.workspaceIds.length, 0) };
  },
);

// The domain schema validates inside the service, so the refusal names the rule that failed.
export const updateOptimizerSettingsAction = authedAction(
  { name: "updateOptimizerSettingsAction", role: "ADMIN", input: optimizerSettingsForm },
  async ({ user, input }) => {
    await updateOptimizerSettings(user, input.value);
    revalidatePath("/admin/optimizer");
    return { saved: true };
  },
);

export const refreshUsageAction = authedAction(
  { name: "refreshUsageAction", role: "ADMIN", input: refreshUsageInput },
  async ({ user }) => {
    await refreshUsageNow(user);
    return { message: "The usage sync is running; reload the page in a minute to see the new figures." };
  },
);
