import { z } from "zod";
import { bundleIdSchema, catalogDisplayEntrySchema } from "../domain";
import { regionSchema } from "./admin";

// Custom bundles and how the catalog shows them: the admin forms, the server actions and the services parse these.

const imageId = z.string().regex(/^wsi-[0-9a-z]{8,63}$/, "Choose an image.");

export const createBundleInput = z.object({
  region: regionSchema,
  name: z
    .string()
    .trim()
    .min(1, "Give the bundle a name.")
    .max(64)
    // AWS's rule for bundle names.
    .regex(/^[a-zA-Z0-9_./()\\-]+$/, "Use letters, digits and _ . / ( ) - only, without spaces."),
  description: z.string().trim().min(1, "Describe the bundle.").max(255),
  imageId,
  computeType: z.enum(["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"]),
  rootVolumeGib: z.number().int().min(80).max(2000),
  userVolumeGib: z.number().int().min(10).max(2000),
});
export const bundleRef = z.object({ region: regionSchema, bundleId: bundleIdSchema });
export const updateBundleImageInput = bundleRef.extend({ imageId });
export const setBundleDisplayInput = z.object({ bundleId: bundleIdSchema }).and(catalogDisplayEntrySchema);
