import { z } from "zod";
import { connectionStringProblem, normalizeConnectionString } from "../domain/aliases";
import { regionSchema } from "./admin";
import { directoryIdSchema } from "./admin-directories";

// Input schemas for connection aliases (cross-Region redirection): shared by the forms, the server actions and
// the service, which parses again so a caller that skips the action cannot skip the rules.

export const connectionStringSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = connectionStringProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(normalizeConnectionString);

export const createAliasInput = z.object({
  connectionString: connectionStringSchema,
  regions: z
    .array(regionSchema)
    .min(1, "Choose at least one Region; redirection needs two.")
    .refine((r) => new Set(r).size === r.length, "Choose each Region once."),
});

export const aliasIdSchema = z.string().regex(/^wsca-[0-9a-z]{8,63}$/, "Unknown connection alias.");
export const aliasRef = z.object({ region: regionSchema, aliasId: aliasIdSchema });
export const associateAliasInput = aliasRef.extend({ directoryId: directoryIdSchema });
export const aliasPermissionInput = aliasRef.extend({
  accountId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "An AWS account id is 12 digits, for example 210987654321."),
  allow: z.boolean(),
});
export const primaryRegionInput = z.object({ connectionString: connectionStringSchema, region: regionSchema });
