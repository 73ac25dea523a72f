"use server";

import { revalidatePath } from "next/cache";
import { updatePolicySettings, updatePriceTable } from "../services/admin/policies";
import { changeUserManager, changeUserRole, signOutEverywhere } from "../services/admin/users";
import { changeManagerInput, changeRoleInput } from "../schemas/admin";
import { authedAction } from "./client";
import { settingsInput } from "../schemas/admin-users";
import { signOutEverywhereInput } from "../schemas/sessions";

export const changeRoleAction = authedAction(
  { name: "changeRoleAction", role: "ADMIN", input: changeRoleInput },
  async ({ user, input }) => {
    await changeUserRole(user, input);
    revalidatePath("/admin/users");
    return { saved: true };
  },
);

export const changeManagerAction = authedAction(
  { name: "changeManagerAction", role: "ADMIN", input: changeManagerInput },
  async ({ user, input }) => {
    await changeUserManager(user, input);
    revalidatePath("/admin/users");
    return { saved: true };
  },
);

export const signOutEverywhereAction = authedAction(
  { name: "signOutEverywhereAction", role: "ADMIN", input: signOutEverywhereInput },
  async ({ user, input }) => {
    await signOutEverywhere(user, input);
    return { signedOut: true };
  },
);

// The domain schemas validate inside the services, so the refusal names the rule that failed.
export const updatePolicyAction = authedAction(
  { name: "updatePolicyAction", role: "ADMIN", input: settingsInput },
  async ({ user, input }) => {
    await updatePolicySettings(user, input.value);
    revalidatePath("/admin/policies");
    return { saved: true };
  },
);

export const updatePricesAction = authedAction(
  { name: "updatePricesAction", role: "ADMIN", input: settingsInput },
  async ({ user, input }) => {
    await updatePriceTable(user, input.value);
    revalidatePath("/admin/prices");
    return { saved: true };
  },
);
