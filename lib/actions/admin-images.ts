"use server";

import { revalidatePath } from "next/cache";
import { copyImage, createImageFromWorkspace, deleteImage, setImagePermission } from "../services/admin/images";
import { copyImageInput, createImageInput, imagePermissionInput, imageRef } from "../schemas/images";
import { authedAction } from "./client";

export const createImageAction = authedAction(
  { name: "createImageAction", role: "ADMIN", input: createImageInput },
  async ({ user, input }) => {
    const out = await createImageFromWorkspace(user, input);
    revalidatePath("/admin/images");
    return out;
  },
);

export const deleteImageAction = authedAction({ name: "deleteImageAction", role: "ADMIN", input: imageRef }, async ({ user, input }) => {
  await deleteImage(user, input);
  revalidatePath("/admin/images");
  return { deleted: true };
});

export const copyImageAction = authedAction({ name: "copyImageAction", role: "ADMIN", input: copyImageInput }, async ({ user, input }) => {
  const out = await copyImage(user, input);
  revalidatePath("/admin/images");
  return out;
});

export const setImagePermissionAction = authedAction(
  { name: "setImagePermissionAction", role: "ADMIN", input: imagePermissionInput },
  async ({ user, input }) => {
    await setImagePermission(user, input);
    revalidatePath(`/admin/images/${input.imageId}`);
    return { saved: true };
  },
);
