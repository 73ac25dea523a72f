import { z } from "zod";
import { RECLAIM_LIMITS } from "../domain";

const { min, max } = RECLAIM_LIMITS.justification;

/** "Keep it" on a warned WorkSpace: why it is still needed, in a sentence or two. */
export const keepWorkspaceInput = z.object({
  workspaceId: z.string().min(1).max(64),
  justification: z
    .string({ error: "Say why you still need this WorkSpace." })
    .trim()
    .min(min, `Say in at least ${min} characters why you still need this WorkSpace.`)
    .max(max, `Keep the reason under ${max} characters.`),
});
export type KeepWorkspaceInput = z.input<typeof keepWorkspaceInput>;

/** The reclaim policy form: numbers arrive as text from the form and are checked by the domain's schema. */
export const reclaimSettingsInput = z.object({
  idleDays: z.coerce.number({ error: "Give the idle period in days." }),
  graceDays: z.coerce.number({ error: "Give the grace period in days." }),
  exemptTagKey: z.string().max(200, "Keep the tag name under 128 characters."),
});
