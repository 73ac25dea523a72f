import { z } from "zod";
import { MAX_TAGS_PER_RESOURCE, tagPolicySchema } from "../domain";
import { regionSchema } from "./admin";

// Inputs of the tag forms. These check the shape only; AWS's tag rules and the policy's (which keys an
// employee may edit, which keys are required) are the domain's and come back as plain refusals.

const tag = z.object({
  key: z.string().max(256, "Tag names can be at most 127 characters."),
  value: z.string().max(512, "Tag values can be at most 255 characters."),
});

const tagEdit = {
  set: z.array(tag).max(MAX_TAGS_PER_RESOURCE, `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`),
  remove: z.array(z.string().max(256)).max(MAX_TAGS_PER_RESOURCE),
};

/** The policy's tag keys, as the policies page saves them. */
export const tagPolicyInput = tagPolicySchema;

/** A person's tag edit of a WorkSpace: it becomes a request like any other change. */
export const workspaceTagsInput = z.object({
  workspaceId: z.string().min(1).max(64),
  ...tagEdit,
  justification: z.string().trim().max(2000, "Keep the justification under 2,000 characters.").optional(),
  idempotencyKey: z.string().uuid().optional(),
});

/** An admin's tag edit of a custom bundle or an IP access control group. */
export const resourceTagsInput = z.object({
  region: regionSchema,
  resourceId: z.string().regex(/^(wsb|wsipg)-[0-9a-z]{8,63}$/, "Unknown bundle or IP group."),
  ...tagEdit,
});

export type WorkspaceTagsInput = z.input<typeof workspaceTagsInput>;
export type ResourceTagsInput = z.input<typeof resourceTagsInput>;
