import { z } from "zod";
import { regionSchema } from "./admin";

// Custom images: the admin forms, the server actions and the service parse these. Names and descriptions
// follow the API model's patterns for CreateWorkspaceImage and CopyWorkspaceImage.

export const imageIdSchema = z.string().regex(/^wsi-[0-9a-z]{9,63}$/, "Choose an image.");
const workspaceId = z.string().regex(/^ws-[0-9a-z]{8,63}$/, "Choose a WorkSpace.");

export const imageNameSchema = z
  .string()
  .trim()
  .min(1, "Give the image a name.")
  .max(64, "Names have at most 64 characters.")
  .regex(/^[a-zA-Z0-9_./()\\-]+$/, "Use letters, digits and _ . / ( ) - only, without spaces.");

export const imageDescriptionSchema = z
  .string()
  .trim()
  .min(1, "Describe the image.")
  .max(256, "Descriptions have at most 256 characters.")
  .regex(/^[a-zA-Z0-9_./() -]+$/, "Use letters, digits, spaces and _ . / ( ) - only.");

export const createImageInput = z.object({ workspaceId, name: imageNameSchema, description: imageDescriptionSchema });
export const imageRef = z.object({ region: regionSchema, imageId: imageIdSchema });
export const copyImageInput = imageRef.extend({
  targetRegion: regionSchema,
  name: imageNameSchema,
  description: imageDescriptionSchema.optional(),
});
export const imagePermissionInput = imageRef.extend({
  accountId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "An AWS account id is 12 digits."),
  allow: z.boolean(),
});
