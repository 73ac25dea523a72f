import { z } from "zod";
import { CHANGE_TYPES, type ChangeType } from "./change";
import { DEFAULT_EXPECTED_AUTO_STOP_HOURS } from "./prices";

// The admin-editable policy. Defaults are deliberately cautious: any extra monthly cost needs the
// manager, large ones an admin too, and only harmless power actions go through on their own.

const catalogEntrySchema = z.strictObject({
  bundleIds: z.array(z.string().min(1)),
  directoryIds: z.array(z.string().min(1)),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

export const policySettingsSchema = z
  .strictObject({
    /** Monthly cost increase (cents) above which the manager must approve; 0 means any increase. */
    managerThresholdCents: z.number().int().nonnegative(),
    /** Monthly cost increase (cents) above which an admin must approve as well. */
    adminThresholdCents: z.number().int().nonnegative(),
    /** Change types that never wait for anyone (they cost nothing and are easy to undo). */
    autoApprovedChangeTypes: z.array(z.enum(CHANGE_TYPES)),
    /** Change types that always wait for the manager, whatever they cost. */
    alwaysNeedApprovalChangeTypes: z.array(z.enum(CHANGE_TYPES)),
    /** Days a pending approval waits before it is escalated to an admin. */
    // Fractions are allowed (0.5 = 12 hours) so a pilot or a demo can run the whole cycle in minutes.
    escalationDays: z.number().positive(),
    /** Days after which an undecided request expires. */
    expiryDays: z.number().positive(),
    expectedAutoStopHoursPerMonth: z.number().nonnegative().max(744),
    /** What each persona and each group may be given; a user gets the union of their persona's and groups' entries. */
    catalog: z.strictObject({
      byPersona: z.record(z.string(), catalogEntrySchema),
      byGroup: z.record(z.string(), catalogEntrySchema),
    }),
  })
  .refine((settings) => settings.adminThresholdCents >= settings.managerThresholdCents, {
    message: "The admin threshold must not be below the manager threshold.",
    path: ["adminThresholdCents"],
  })
  .refine((settings) => settings.expiryDays > settings.escalationDays, {
    message: "Requests must be escalated before they expire.",
    path: ["expiryDays"],
  });
export type PolicySettings = z.infer<typeof policySettingsSchema>;

export const DEFAULT_AUTO_APPROVED_CHANGE_TYPES: readonly ChangeType[] = ["reboot", "start", "stop"];

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  managerThresholdCents: 0,
  adminThresholdCents: 10_000,
  autoApprovedChangeTypes: [...DEFAULT_AUTO_APPROVED_CHANGE_TYPES],
  alwaysNeedApprovalChangeTypes: [],
  escalationDays: 3,
  expiryDays: 14,
  expectedAutoStopHoursPerMonth: DEFAULT_EXPECTED_AUTO_STOP_HOURS,
  catalog: { byPersona: {}, byGroup: {} },
};

export const bundleIdSchema = z.string().regex(/^wsb-[0-9a-z]{8,63}$/, "Unknown bundle.");

/** How the catalog presents an offered bundle to employees: a friendlier name and a sentence on what it is for. */
export const catalogDisplayEntrySchema = z.object({
  displayName: z.string().trim().min(1, "Give the bundle a display name.").max(64, "Keep the display name under 64 characters."),
  description: z.string().trim().max(280, "Keep the description under 280 characters.").default(""),
});
/** One Setting row keyed by bundle id; the bundle itself (AWS's name and specs) is untouched. */
export const catalogDisplaySchema = z.record(bundleIdSchema, catalogDisplayEntrySchema);
export type CatalogDisplay = z.infer<typeof catalogDisplaySchema>;
