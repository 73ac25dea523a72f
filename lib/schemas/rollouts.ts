import { z } from "zod";
import { bundleIdSchema } from "../domain";
import { MAX_CANARY_SIZE, MAX_PAUSE_MINUTES, ROLLOUT_METHODS } from "../domain/rollout";
import { regionSchema } from "./admin";

// Staged rollouts of a bundle's image: the admin's form, the server actions and the service parse these.

const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter the ${what} as a whole number.` })
    .int(`Enter the ${what} as a whole number.`)
    .min(min, `The ${what} is at least ${min}.`)
    .max(max, `The ${what} is at most ${max}.`);

export const startRolloutInput = z
  .object({
    region: regionSchema,
    bundleId: bundleIdSchema,
    imageId: z.string().regex(/^wsi-[0-9a-z]{8,63}$/, "Choose the image to roll out."),
    method: z.enum(ROLLOUT_METHODS, { error: "Choose rebuild or migrate." }),
    // For migrate: the bundle whose WorkSpaces move onto this one.
    sourceBundleId: bundleIdSchema.optional(),
    canarySize: whole("canary wave's size", 1, MAX_CANARY_SIZE),
    pauseMinutes: whole("pause between waves", 0, MAX_PAUSE_MINUTES),
    failureThresholdPercent: whole("share of failures that stops the rollout", 0, 100),
    confirmed: z.literal(true, { error: "Confirm that the WorkSpaces' owners lose what is listed." }),
  })
  .superRefine((input, ctx) => {
    if (input.method !== "migrate") return;
    if (!input.sourceBundleId) ctx.addIssue({ code: "custom", path: ["sourceBundleId"], message: "Choose the bundle to migrate from." });
    else if (input.sourceBundleId === input.bundleId)
      ctx.addIssue({
        code: "custom",
        path: ["sourceBundleId"],
        message: "Migration moves WorkSpaces from another bundle; rebuild those on this one.",
      });
  });
export type StartRolloutInput = z.input<typeof startRolloutInput>;

export const rolloutRef = z.object({ rolloutId: z.string().min(1).max(64) });
