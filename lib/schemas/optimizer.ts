import { z } from "zod";
import { COMPUTE_TYPES } from "../domain/types";
import { filterText } from "./fields";

// The optimizer page's filter lives in the URL (shareable, and the CSV export takes the same one).

export const OPTIMIZER_RECOMMENDATIONS = [
  "switch",
  "SWITCH_TO_ALWAYS_ON",
  "SWITCH_TO_AUTO_STOP",
  "KEEP",
  "EXEMPT",
  "NO_THRESHOLD",
] as const;
export type OptimizerRecommendationFilter = (typeof OPTIMIZER_RECOMMENDATIONS)[number];

const text = filterText(128)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

export const optimizerFilterSchema = z.object({
  rec: z.enum(OPTIMIZER_RECOMMENDATIONS).optional().catch(undefined),
  compute: z.enum(COMPUTE_TYPES).optional().catch(undefined),
  directory: text,
  owner: text,
});
export type OptimizerFilter = z.infer<typeof optimizerFilterSchema>;

export function parseOptimizerFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): OptimizerFilter {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) if (typeof v === "string") flat[k] = v;
  return optimizerFilterSchema.parse(flat);
}

export function optimizerQueryString(filter: OptimizerFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return params.toString();
}

/** "Create requests": the ids ticked on the page, or every switch the optimizer recommends now. */
export const createOptimizerRequestsInput = z.union([
  z.object({ workspaceIds: z.array(z.string().min(1).max(64)).min(1, "Select at least one WorkSpace.").max(10_000) }),
  z.object({ all: z.literal(true) }),
]);
export type CreateOptimizerRequestsInput = z.infer<typeof createOptimizerRequestsInput>;

/** The thresholds editor's form: one text field per compute type (blank = no threshold) and the two switches. */
export const optimizerSettingsForm = z.object({ value: z.unknown() });

/** "Refresh usage now" takes nothing; anything sent is refused rather than ignored. */
export const refreshUsageInput = z.strictObject({});
