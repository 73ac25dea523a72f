"use server";

import { revalidatePath } from "next/cache";
import { continueRollout, retryRolloutFailures, startRollout, stopRollout } from "../services/admin/rollouts";
import { rolloutRef, startRolloutInput } from "../schemas/rollouts";
import { authedAction } from "./client";

export const startRolloutAction = authedAction(
  { name: "startRolloutAction", role: "ADMIN", input: startRolloutInput },
  async ({ user, input }) => {
    const out = await startRollout(user, input);
    revalidatePath("/admin/rollouts");
    return out;
  },
);

export const continueRolloutAction = authedAction(
  { name: "continueRolloutAction", role: "ADMIN", input: rolloutRef },
  async ({ user, input }) => {
    await continueRollout(user, input);
    revalidatePath(`/admin/rollouts/${input.rolloutId}`);
    return { continued: true };
  },
);

export const stopRolloutAction = authedAction({ name: "stopRolloutAction", role: "ADMIN", input: rolloutRef }, async ({ user, input }) => {
  await stopRollout(user, input);
  revalidatePath(`/admin/rollouts/${input.rolloutId}`);
  return { stopped: true };
});

export const retryRolloutAction = authedAction(
  { name: "retryRolloutAction", role: "ADMIN", input: rolloutRef },
  async ({ user, input }) => {
    const out = await retryRolloutFailures(user, input);
    revalidatePath(`/admin/rollouts/${input.rolloutId}`);
    return out;
  },
);
