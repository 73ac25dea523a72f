import { z } from "zod";

const classes = (p: string) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;

export const passwordResetInput = z
  .object({
    workspaceId: z.string().min(1).max(64),
    newPassword: z
      .string()
      .min(8, "Use at least 8 characters.")
      .max(64, "Use at most 64 characters.")
      .refine((p) => classes(p) >= 3, "Use three of: lower-case letters, upper-case letters, numbers and symbols."),
    confirmPassword: z.string().max(64, "Use at most 64 characters."),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { message: "The two passwords do not match.", path: ["confirmPassword"] });

export const workspaceIdInput = z.object({ workspaceId: z.string().min(1).max(64) });
export const notificationIdsInput = z.object({ ids: z.union([z.literal("all"), z.array(z.string().min(1).max(64)).max(200)]) });

/** An action that takes nothing from the form (a button). */
export const noInput = z.object({});
