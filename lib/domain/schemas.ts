import { z } from "zod";
import { CHANGE_TYPES, MAINTENANCE_STATES, type Change } from "./change";
import { computePriceKey, type ComputePrice, type PriceTable, type StoragePrice } from "./prices";
import { isKmsKeyReference, KMS_KEY_HINT, type VolumeEncryptionKeys } from "./encryption";
import { RECLAIM_LIMITS, type ReclaimSettings } from "./reclaim";
import type {
  AccountPolicyOverride,
  CatalogDisplay,
  CatalogDisplayEntry,
  CatalogEntry,
  OptimizerSettings,
  PolicySettings,
} from "./settings";
import { COMPUTE_TYPES, LICENCES, OPERATING_SYSTEMS, RUNNING_MODES, type Tag } from "./types";
import { tagRefusals } from "./validate/tags";
import { duplicateKeys, MAX_POLICY_TAG_KEYS, tagPolicyKeyRefusal, type TagPolicy } from "./tags";

// The domain's only zod module: it parses form, API and stored input into the types the rules use.
// The rules and their types live in zod-free modules (see client.ts) so browser code can use them
// without shipping zod; each schema below is checked at compile time against the type it produces.

// ---- Changes ------------------------------------------------------------------------------------
// Shape checks only; the rules (sizes, states, limits) live in validate/ so they produce plain refusals.
const tagSchema = z.strictObject({ key: z.string(), value: z.string() });
/** A WorkSpace's cached tags as the inventory stores them (its `tags` JSON column). */
export const storedTagsSchema = z.array(z.object({ key: z.string(), value: z.string() })) satisfies z.ZodType<Tag[]>;
const workspaceId = z.string().min(1);
const onWorkspace = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), workspaceId });
const integer = z.number().int();

export const changeSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("create"),
    ownerUserName: z.string().min(1),
    directoryId: z.string().min(1),
    bundleId: z.string().min(1),
    runningMode: z.enum(RUNNING_MODES),
    autoStopTimeoutMinutes: integer.optional(),
    rootVolumeGb: integer.optional(),
    userVolumeGb: integer.optional(),
    rootVolumeEncrypted: z.boolean(),
    userVolumeEncrypted: z.boolean(),
    volumeEncryptionKey: z.string().min(1).optional(),
    tags: z.array(tagSchema),
    accountId: z.string().min(1).optional(),
  }),
  onWorkspace("reboot"),
  onWorkspace("start"),
  onWorkspace("stop"),
  onWorkspace("rebuild"),
  onWorkspace("restore"),
  onWorkspace("terminate"),
  onWorkspace("resetPassword"),
  onWorkspace("computeType").extend({ computeType: z.enum(COMPUTE_TYPES) }),
  onWorkspace("volumes").extend({ rootVolumeGb: integer.optional(), userVolumeGb: integer.optional() }),
  onWorkspace("runningMode").extend({ runningMode: z.enum(RUNNING_MODES), autoStopTimeoutMinutes: integer.optional() }),
  onWorkspace("migrate").extend({ targetBundleId: z.string().min(1) }),
  onWorkspace("tags").extend({ set: z.array(tagSchema), remove: z.array(z.string()) }),
  onWorkspace("encryption").extend({ rootVolumeEncrypted: z.boolean(), userVolumeEncrypted: z.boolean() }),
  onWorkspace("maintenance").extend({ state: z.enum(MAINTENANCE_STATES) }),
]);

// ---- Policy -------------------------------------------------------------------------------------
// A policy's tag keys follow AWS's tag rules, so every key it names is one a WorkSpace can carry.
const policyTagKeys = (what: string) =>
  z
    .array(
      z.string().superRefine((key, ctx) => {
        const refusal = tagPolicyKeyRefusal(key);
        if (refusal) ctx.addIssue({ code: "custom", message: refusal.message });
      }),
    )
    .max(MAX_POLICY_TAG_KEYS, `Name at most ${MAX_POLICY_TAG_KEYS} ${what}; a WorkSpace keeps one tag for the portal.`)
    .superRefine((keys, ctx) => {
      const twice = duplicateKeys(keys);
      if (twice.length) ctx.addIssue({ code: "custom", message: `"${twice[0]}" is named twice; name each tag once.` });
    });

export const tagPolicySchema = z.strictObject({
  employeeEditableKeys: policyTagKeys("tags employees may edit"),
  requiredKeys: policyTagKeys("required tags"),
});

const catalogEntrySchema = z.strictObject({
  bundleIds: z.array(z.string().min(1)),
  directoryIds: z.array(z.string().min(1)),
});

const kmsKeySchema = z.string().trim().refine(isKmsKeyReference, KMS_KEY_HINT);
export const volumeEncryptionKeysSchema = z.strictObject({
  byDirectory: z.record(z.string().min(1), kmsKeySchema),
  byPersona: z.record(z.string().min(1), kmsKeySchema),
});

export const policySettingsSchema = z
  .strictObject({
    managerThresholdCents: z.number().int().nonnegative(),
    adminThresholdCents: z.number().int().nonnegative(),
    autoApprovedChangeTypes: z.array(z.enum(CHANGE_TYPES)),
    alwaysNeedApprovalChangeTypes: z.array(z.enum(CHANGE_TYPES)),
    // Policies saved before the three-way choice have no such list.
    alwaysNeedAdminChangeTypes: z.array(z.enum(CHANGE_TYPES)).default([]),
    // Fractions are allowed (0.5 = 12 hours) so a pilot or a demo can run the whole cycle in minutes.
    escalationDays: z.number().positive(),
    expiryDays: z.number().positive(),
    expectedAutoStopHoursPerMonth: z.number().nonnegative().max(744),
    catalog: z.strictObject({
      byPersona: z.record(z.string(), catalogEntrySchema),
      byGroup: z.record(z.string(), catalogEntrySchema),
    }),
    tags: tagPolicySchema.optional(),
    // Policies saved before encryption keys existed have none: every encrypted WorkSpace gets the AWS managed key.
    volumeEncryptionKeys: volumeEncryptionKeysSchema.optional(),
  })
  .refine((settings) => settings.adminThresholdCents >= settings.managerThresholdCents, {
    message: "The admin threshold must not be below the manager threshold.",
    path: ["adminThresholdCents"],
  })
  .refine((settings) => settings.expiryDays > settings.escalationDays, {
    message: "Requests must be escalated before they expire.",
    path: ["expiryDays"],
  });

// An AWS account's own approval thresholds (AwsAccount.policy); absent fields follow the policy.
export const accountPolicyOverrideSchema = z
  .strictObject({
    managerThresholdCents: z.number().int().nonnegative().optional(),
    adminThresholdCents: z.number().int().nonnegative().optional(),
  })
  .refine(
    (o) => o.managerThresholdCents === undefined || o.adminThresholdCents === undefined || o.adminThresholdCents >= o.managerThresholdCents,
    { message: "The admin threshold must not be below the manager threshold.", path: ["adminThresholdCents"] },
  );

// ---- Running-mode optimizer ---------------------------------------------------------------------
const thresholdHours = z
  .number({ error: "Give the threshold in hours." })
  .min(1, "A threshold is at least 1 hour a month.")
  .max(744, "A threshold is at most 744 hours, the hours in a 31-day month.")
  .refine((hours) => Math.abs(hours * 10 - Math.round(hours * 10)) < 1e-9, "Give the threshold in whole hours or with one decimal.");

export const optimizerSettingsSchema = z.strictObject({
  thresholds: z.partialRecord(z.enum(COMPUTE_TYPES), thresholdHours),
  alwaysOnToAutoStopLastDays: z
    .number({ error: "Give the number of days." })
    .int("Give a whole number of days.")
    .min(1, "Switching back to AutoStop needs at least the month's last day.")
    .max(10, "Switching back to AutoStop can start at most 10 days before the month ends."),
  nightly: z.boolean(),
});

// ---- Reclaiming unused WorkSpaces ----------------------------------------------------------------
const { idleDays, graceDays } = RECLAIM_LIMITS;
const wholeDays = (what: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `Give the ${what} in days.` })
    .int(`Give the ${what} as a whole number of days.`)
    .min(min, `The ${what} is at least ${min} day${min === 1 ? "" : "s"}.`)
    .max(max, `The ${what} is at most ${max} days.`);

export const reclaimSettingsSchema = z.strictObject({
  idleDays: wholeDays("idle period", idleDays),
  graceDays: wholeDays("grace period", graceDays),
  // The same rules as any WorkSpace tag key, so the exemption tag is one an admin can actually set.
  exemptTagKey: z
    .string({ error: "Give the tag name that exempts a WorkSpace." })
    .min(1, "Give the tag name that exempts a WorkSpace.")
    .superRefine((key, ctx) => {
      const refusal = tagRefusals([{ key, value: "" }])[0];
      if (refusal) ctx.addIssue({ code: "custom", message: refusal.message });
    }),
});

// ---- Catalog display ----------------------------------------------------------------------------
export const bundleIdSchema = z.string().regex(/^wsb-[0-9a-z]{8,63}$/, "Unknown bundle.");

export const catalogDisplayEntrySchema = z.object({
  displayName: z.string().trim().min(1, "Give the bundle a display name.").max(64, "Keep the display name under 64 characters."),
  description: z.string().trim().max(280, "Keep the description under 280 characters.").default(""),
});
export const catalogDisplaySchema = z.record(bundleIdSchema, catalogDisplayEntrySchema);

// ---- Prices -------------------------------------------------------------------------------------
const cents = z.number().int().nonnegative();
const isoDate = z.iso.date();
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Region looks like us-east-1");

const priceKeyFields = {
  region,
  computeType: z.enum(COMPUTE_TYPES),
  operatingSystem: z.enum(OPERATING_SYSTEMS),
  licence: z.enum(LICENCES),
  confirmedAt: isoDate.nullable(),
};

export const computePriceSchema = z.discriminatedUnion("runningMode", [
  z.strictObject({ ...priceKeyFields, runningMode: z.literal("ALWAYS_ON"), monthlyCents: cents }),
  z.strictObject({ ...priceKeyFields, runningMode: z.literal("AUTO_STOP"), monthlyCents: cents, hourlyCents: cents }),
]);

export const storagePriceSchema = z.strictObject({
  region,
  rootPerGbMonthCents: cents,
  userPerGbMonthCents: cents,
  confirmedAt: isoDate.nullable(),
});

export const priceTableSchema = z
  .strictObject({
    currency: z.literal("USD"),
    note: z.string(),
    compute: z.array(computePriceSchema),
    storage: z.array(storagePriceSchema),
  })
  .superRefine((table, ctx) => {
    // A duplicate key would make the estimate depend on array order: refuse it when the admin saves.
    const seen = new Set<string>();
    table.compute.forEach((entry, index) => {
      const key = computePriceKey(entry);
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["compute", index], message: `Duplicate price for ${key}` });
      seen.add(key);
    });
    const regions = new Set<string>();
    table.storage.forEach((entry, index) => {
      if (regions.has(entry.region))
        ctx.addIssue({ code: "custom", path: ["storage", index], message: `Duplicate storage price for ${entry.region}` });
      regions.add(entry.region);
    });
  });

// ---- Each schema produces exactly its declared type ---------------------------------------------
// Readonly aside (the rules take readonly lists, parsed data is mutable), the types must be identical:
// a field added, dropped or retyped on one side only stops the build here.
type Writable<T> = T extends readonly (infer E)[] ? Writable<E>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
type Identical<A, B> = (<T>() => T extends Writable<A> ? 1 : 2) extends <T>() => T extends Writable<B> ? 1 : 2 ? true : false;
function schemaProduces<A, B>(..._sameType: Identical<A, B> extends true ? [] : [never]): void {}

schemaProduces<z.output<typeof changeSchema>, Change>();
schemaProduces<z.output<typeof catalogEntrySchema>, CatalogEntry>();
schemaProduces<z.output<typeof policySettingsSchema>, PolicySettings>();
schemaProduces<z.output<typeof tagPolicySchema>, TagPolicy>();
schemaProduces<z.output<typeof accountPolicyOverrideSchema>, AccountPolicyOverride>();
schemaProduces<z.output<typeof volumeEncryptionKeysSchema>, VolumeEncryptionKeys>();
schemaProduces<z.output<typeof optimizerSettingsSchema>, OptimizerSettings>();
schemaProduces<z.output<typeof reclaimSettingsSchema>, ReclaimSettings>();
schemaProduces<z.output<typeof catalogDisplayEntrySchema>, CatalogDisplayEntry>();
schemaProduces<z.output<typeof catalogDisplaySchema>, CatalogDisplay>();
schemaProduces<z.output<typeof computePriceSchema>, ComputePrice>();
schemaProduces<z.output<typeof storagePriceSchema>, StoragePrice>();
schemaProduces<z.output<typeof priceTableSchema>, PriceTable>();
