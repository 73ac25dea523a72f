import { z } from "zod";
import { changeSchema } from "../domain";
import { changeRequestInput, decisionBody } from "./requests";

// What the REST API (/api/v1) accepts on its write side. The fields and their rules are the web
// form's own schemas (lib/schemas/requests.ts), so a request or a decision is checked the same way
// whichever channel it comes through. `.meta({ id })` names each as a component in the OpenAPI document.

export const apiRequestCreate = z
  .strictObject({
    change: changeSchema.meta({
      description: "The change, one of the types the portal offers; `type` selects which (create, start, stop, computeType, …).",
    }),
    justification: changeRequestInput.shape.justification.meta({ description: "Why the change is needed, 3 to 2,000 characters." }),
    confirmDestructive: z.boolean().optional().meta({
      description: "Must be true for a change that destroys data (rebuild, restore, terminate, some migrations).",
    }),
    beneficiaryEmail: z
      .email("Give the email address of the person the request is for.")
      .max(320)
      .optional()
      .meta({ description: "For an admin acting on behalf of someone: the person the request is for. Defaults to the caller." }),
  })
  .meta({
    id: "RequestCreate",
    description: "A change request to submit. Every domain rule and the approval policy apply, exactly as in the portal.",
    example: {
      change: { type: "computeType", workspaceId: "ws-0123456789", computeType: "PERFORMANCE" },
      justification: "Builds of the mobile app need more memory.",
    },
  });
export type ApiRequestCreate = z.output<typeof apiRequestCreate>;
export type ApiRequestCreateInput = z.input<typeof apiRequestCreate>;

export const apiDecisionCreate = decisionBody.meta({
  id: "DecisionCreate",
  description: "An approval or a rejection, recorded for the approver named in X-On-Behalf-Of. A rejection needs a comment.",
  example: { decision: "REJECTED", comment: "A standard WorkSpace is enough for this role." },
});
export type ApiDecisionCreate = z.output<typeof apiDecisionCreate>;

export const apiIdempotencyKey = z
  .string()
  .min(1, "Send an Idempotency-Key header with every POST.")
  .max(255, "Keep the Idempotency-Key under 256 characters.")
  .regex(/^[\x21-\x7e]+$/, "An Idempotency-Key is made of visible ASCII characters only.")
  .meta({
    id: "IdempotencyKey",
    description:
      "A key the caller chooses per operation (a UUID is a good choice); a replay with the same key and body returns the first answer.",
    example: "5f1c2b9e-8d0a-4c4e-9b7e-2f6d1a3c8e41",
  });
export type ApiIdempotencyKey = z.output<typeof apiIdempotencyKey>;
