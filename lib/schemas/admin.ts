import { z } from "zod";
import { CHANGE_TYPES, MAINTENANCE_STATES, reservedTagKeyRefusal } from "../domain";

// Input schemas shared by the admin forms, the server actions and the services (which parse again, so a
// caller that skips the action cannot skip the rules).

export const MAX_RULES_PER_IP_GROUP = 10;
export const MAX_IP_GROUPS_PER_DIRECTORY = 25;

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_CIDR = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}(/(3[0-2]|[12]?\\d))?$`);

/** An IPv4 address or CIDR range such as 203.0.113.0/24, as IP access control groups accept. */
export function isIpv4Cidr(value: string): boolean {
  return IPV4_CIDR.test(value);
}

// The portal finds a WorkSpace it created by its request-id tag, so nobody may set that key in bulk either.
const tagKey = z
  .string()
  .trim()
  .min(1, "Give the tag a key.")
  .max(127, "Tag keys have at most 127 characters.")
  .superRefine((key, ctx) => {
    const reserved = reservedTagKeyRefusal(key);
    if (reserved) ctx.addIssue({ code: "custom", message: reserved.message });
  });

const tagSchema = z.object({
  key: tagKey,
  value: z.string().max(255, "Tag values have at most 255 characters."),
});

export const ipRuleSchema = z.object({
  cidr: z.string().trim().refine(isIpv4Cidr, "Enter an IPv4 address or CIDR range, for example 203.0.113.0/24."),
  description: z
    .string()
    .trim()
    .min(1, "Describe each rule, for example the office it is for.")
    .max(100, "Keep rule descriptions under 100 characters."),
});

export const ipRulesSchema = z
  .array(ipRuleSchema)
  .max(MAX_RULES_PER_IP_GROUP, `An IP access control group can hold at most ${MAX_RULES_PER_IP_GROUP} rules.`)
  .refine((rules) => new Set(rules.map((r) => r.cidr)).size === rules.length, "Each CIDR range may appear only once in a group.");

export const regionSchema = z
  .string()
  .max(32, "Choose a Region.")
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Choose a Region.");

export const createIpGroupInput = z.object({
  region: regionSchema,
  name: z.string().trim().min(1, "Give the group a name.").max(100, "Names have at most 100 characters."),
  description: z.string().trim().max(255).optional().default(""),
  rules: ipRulesSchema,
  tags: z.array(tagSchema).max(50).optional().default([]),
});

export const ipGroupRef = z.object({ region: regionSchema, groupId: z.string().regex(/^wsipg-[0-9a-z]{8,63}$/, "Unknown IP group.") });
export const replaceIpRulesInput = ipGroupRef.extend({ rules: ipRulesSchema });
export const ipGroupAssociationInput = ipGroupRef.extend({ directoryId: z.string().regex(/^d-[0-9a-f]{8,63}$/, "Choose a directory.") });

export const BULK_ACTIONS = ["reboot", "start", "stop", "rebuild", "migrate", "runningMode", "tags", "terminate", "maintenance"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkParamsSchema = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["reboot", "start", "stop", "rebuild", "terminate"]) }),
  z.object({ action: z.literal("migrate"), bundleId: z.string().regex(/^wsb-[0-9a-z]{8,63}$/, "Choose the target bundle.") }),
  z.object({
    action: z.literal("runningMode"),
    runningMode: z.enum(["ALWAYS_ON", "AUTO_STOP"]),
    autoStopTimeoutMinutes: z.number().int().positive().multipleOf(60, "The AutoStop timeout is a multiple of 60 minutes.").optional(),
  }),
  z.object({ action: z.literal("tags"), tags: z.array(tagSchema).min(1, "Add at least one tag.").max(50) }),
  // Into admin maintenance, or out of it (ModifyWorkspaceState's target states).
  z.object({ action: z.literal("maintenance"), state: z.enum(MAINTENANCE_STATES) }),
]);
export type BulkParams = z.infer<typeof bulkParamsSchema>;

export const startBulkInput = z.object({
  workspaceIds: z
    .array(z.string().regex(/^ws-[0-9a-z]{8,63}$/))
    .min(1, "Select at least one WorkSpace.")
    .max(10_000),
  params: bulkParamsSchema,
  confirmed: z.boolean().optional(),
});

export const changeRoleInput = z.object({ userId: z.string().min(1).max(64), role: z.enum(["EMPLOYEE", "MANAGER", "ADMIN"]) });
export const changeManagerInput = z.object({ userId: z.string().min(1).max(64), managerId: z.string().min(1).max(64).nullable() });

export const changeTypeList = z.array(z.enum(CHANGE_TYPES));
