import { z } from "zod";
import { changeSchema } from "../domain";

export const changeRequestInput = z.object({
  change: changeSchema,
  justification: z.string().trim().min(3, "Say briefly why you need this.").max(2000, "Keep the justification under 2,000 characters."),
  confirmDestructive: z.boolean().default(false),
  idempotencyKey: z.string().uuid().optional(),
  beneficiaryId: z.string().min(1).max(64).optional(),
});
export type ChangeRequestInput = z.input<typeof changeRequestInput>;

export const previewInput = changeRequestInput
  .omit({ justification: true, idempotencyKey: true })
  .extend({ justification: z.string().max(2000).optional() });

export const requestIdInput = z.object({ requestId: z.string().min(1).max(64) });

const decisionFields = {
  decision: z.enum(["APPROVED", "REJECTED"]),
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters.").optional(),
};
/** A rejection says why, whether it comes from the web form or the REST API. */
const rejectionHasComment = (d: { decision: "APPROVED" | "REJECTED"; comment?: string }) =>
  d.decision === "APPROVED" || (d.comment?.length ?? 0) > 0;
const rejectionNeedsComment = { message: "Say why you reject the request.", path: ["comment"] };

export const decisionInput = z
  .object({ requestId: z.string().min(1).max(64), ...decisionFields })
  .refine(rejectionHasComment, rejectionNeedsComment);

/** The decision itself, without naming the request (the REST API names it in the path). */
export const decisionBody = z.strictObject(decisionFields).refine(rejectionHasComment, rejectionNeedsComment);

export const bulkApproveInput = z.object({
  requestIds: z.array(z.string().min(1).max(64)).min(1, "Choose at least one request.").max(100),
  comment: z.string().trim().max(2000).optional(),
});

export const emailDecisionInput = z.object({
  token: z.string().min(10).max(200),
  comment: z.string().trim().max(2000).optional(),
});
