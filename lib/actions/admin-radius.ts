"use server";

import { revalidatePath } from "next/cache";
import { disableRadiusSettings, saveRadiusSettings } from "../services/admin/radius";
import { disableRadiusInput, radiusInput } from "../schemas/radius";
import { authedAction } from "./client";

// MFA (RADIUS) for a directory. The shared secret in the input goes to the service and on to AWS only; the
// action returns nothing that carries it.

export const saveRadiusAction = authedAction({ name: "saveRadiusAction", role: "ADMIN", input: radiusInput }, async ({ user, input }) => {
  const saved = await saveRadiusSettings(user, input);
  revalidatePath("/admin/directories", "layout");
  return { outcome: saved.outcome };
});

export const disableRadiusAction = authedAction(
  { name: "disableRadiusAction", role: "ADMIN", input: disableRadiusInput },
  async ({ user, input }) => {
    await disableRadiusSettings(user, input);
    revalidatePath("/admin/directories", "layout");
    return null;
  },
);
