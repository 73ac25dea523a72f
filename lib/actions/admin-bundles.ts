"use server";

import { revalidatePath } from "next/cache";
import { clearBundleDisplay, createCustomBundle, deleteCustomBundle, setBundleDisplay, updateBundleImage } from "../services/admin/bundles";
import { bundleRef, createBundleInput, setBundleDisplayInput, updateBundleImageInput } from "../schemas/admin-bundles";
import { authedAction } from "./client";

export const createBundleAction = authedAction(
  { name: "createBundleAction", role: "ADMIN", input: createBundleInput },
  async ({ user, input }) => {
    const out = await createCustomBundle(user, input);
    revalidatePath("/admin/bundles");
    return out;
  },
);

export const updateBundleImageAction = authedAction(
  { name: "updateBundleImageAction", role: "ADMIN", input: updateBundleImageInput },
  async ({ user, input }) => {
    await updateBundleImage(user, input);
    revalidatePath("/admin/bundles");
    return { saved: true };
  },
);

export const deleteBundleAction = authedAction({ name: "deleteBundleAction", role: "ADMIN", input: bundleRef }, async ({ user, input }) => {
  await deleteCustomBundle(user, input);
  revalidatePath("/admin/bundles");
  return { deleted: true };
});

export const setBundleDisplayAction = authedAction(
  { name: "setBundleDisplayAction", role: "ADMIN", input: setBundleDisplayInput },
  async ({ user, input }) => {
    await setBundleDisplay(user, input);
    revalidatePath("/admin/bundles");
    return { saved: true };
  },
);

export const clearBundleDisplayAction = authedAction(
  { name: "clearBundleDisplayAction", role: "ADMIN", input: bundleRef },
  async ({ user, input }) => {
    await clearBundleDisplay(user, input);
    revalidatePath("/admin/bundles");
    return { cleared: true };
  },
);
