"use server";

import { revalidatePath } from "next/cache";
import { clearBundleDisplay, createCustomBundle, deleteCustomBundle, setBundleDisplay, updateBundleImage } from "../services/admin/bundles";
import { bundleRef, createBundleInput, setBundleDisplayInput, updateBundleImageInput } from "../schemas/admin-bundles";
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

export const setBundleDisplayAction = authedAction({ role: "ADMIN", input: setBundleDisplayInput }, async ({ user, input }) => {
  await setBundleDisplay(user, input);
  revalidatePath("/admin/bundles");
  return { saved: true };
});

export const clearBundleDisplayAction = authedAction({ role: "ADMIN", input: bundleRef }, async ({ user, input }) => {
  await clearBundleDisplay(user, input);
  revalidatePath("/admin/bundles");
  return { cleared: true };
});
