"use server";

import { revalidatePath } from "next/cache";
import { bundleRef, createBundleInput, createCustomBundle, deleteCustomBundle, updateBundleImage, updateBundleImageInput } from "../services/admin/bundles";
import { authedAction } from "./client";

export const createBundleAction = authedAction({ role: "ADMIN", input: createBundleInput }, async ({ user, input }) => {
  const out = await createCustomBundle(user, input);
  revalidatePath("/admin/bundles");
  return out;
});

export const updateBundleImageAction = authedAction({ role: "ADMIN", input: updateBundleImageInput }, async ({ user, input }) => {
  await updateBundleImage(user, input);
  revalidatePath("/admin/bundles");
  return { saved: true };
});

export const deleteBundleAction = authedAction({ role: "ADMIN", input: bundleRef }, async ({ user, input }) => {
  await deleteCustomBundle(user, input);
  revalidatePath("/admin/bundles");
  return { deleted: true };
});
