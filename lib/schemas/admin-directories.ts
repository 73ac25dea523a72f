import { z } from "zod";
import { regionSchema } from "./admin";
import { DEVICE_TYPES, SELF_SERVICE_PERMISSIONS } from "./admin-directories.options";

// Input schemas for the directory settings: shared by the forms, the server actions and the service,
// which parses again so a caller that skips the action cannot skip the rules. The key lists live in the
// zod-free admin-directories.options.ts (client components import them from there).
export { CLIENT_PROPERTIES, DEVICE_TYPES, SELF_SERVICE_PERMISSIONS } from "./admin-directories.options";

export const directoryIdSchema = z.string().regex(/^d-[0-9a-f]{8,63}$/, "Choose a directory.");
export const directoryRef = z.object({ region: regionSchema, directoryId: directoryIdSchema });

// A distinguished name such as OU=WorkSpaces,OU=Corp,DC=corp,DC=example,DC=com: it must name an OU
// first and end in the domain's DC components, which is what WorkSpaces needs to place computer objects.
const DN_PART = '[^,=+<>#;\\\\"]+';
const OU_DN = new RegExp(`^OU=${DN_PART}(,\\s*(OU|CN)=${DN_PART})*(,\\s*DC=[A-Za-z0-9-]+)+$`, "i");
export function isOrganizationalUnitDn(value: string): boolean {
  return OU_DN.test(value);
}

/** sg- followed by 8 or 17 hex digits, as the WorkSpaces API model requires. */
export const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;

const enabled = z.enum(["ENABLED", "DISABLED"]);
const allow = z.enum(["ALLOW", "DENY"]);
const atLeastOne = (o: object) => Object.values(o).some((v) => v !== undefined);

export const selfServiceInput = directoryRef.extend({
  permissions: z
    .object(
      Object.fromEntries(SELF_SERVICE_PERMISSIONS.map((k) => [k, enabled.optional()])) as Record<
        (typeof SELF_SERVICE_PERMISSIONS)[number],
        z.ZodOptional<typeof enabled>
      >,
    )
    .refine(atLeastOne, "Choose at least one permission."),
});

export const creationPropertiesInput = directoryRef.extend({
  properties: z
    .object({
      defaultOu: z
        .string()
        .trim()
        .max(2000)
        .refine(
          isOrganizationalUnitDn,
          "Enter the default OU as a distinguished name, for example OU=WorkSpaces,DC=corp,DC=example,DC=com.",
        )
        .optional(),
      customSecurityGroupId: z
        .string()
        .trim()
        .regex(SECURITY_GROUP_ID, "Enter a security group id: sg- followed by 8 or 17 hexadecimal digits.")
        .optional(),
      enableInternetAccess: z.boolean().optional(),
      userEnabledAsLocalAdministrator: z.boolean().optional(),
      enableMaintenanceMode: z.boolean().optional(),
    })
    .refine(atLeastOne, "Change at least one creation property."),
});

export const accessPropertiesInput = directoryRef.extend({
  properties: z
    .object(
      Object.fromEntries(DEVICE_TYPES.map((k) => [k, allow.optional()])) as Record<
        (typeof DEVICE_TYPES)[number],
        z.ZodOptional<typeof allow>
      >,
    )
    .refine(atLeastOne, "Choose at least one device type."),
});

export const clientPropertiesInput = directoryRef.extend({
  properties: z
    .object({ ReconnectEnabled: enabled.optional(), LogUploadEnabled: enabled.optional() })
    .refine(atLeastOne, "Choose at least one client setting."),
});

export const directoryIpGroupInput = directoryRef.extend({ groupId: z.string().regex(/^wsipg-[0-9a-z]{8,63}$/, "Choose an IP group.") });

// Persona and group names become keys of the stored policy's maps: names an object already carries are refused.
const catalogKey = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((key) => !(key in Object.prototype), "Choose another name: this one is reserved.");
export const directoryRequestersInput = z.object({
  directoryId: directoryIdSchema,
  personas: z.array(catalogKey).max(50),
  groups: z.array(catalogKey).max(200),
});

export const registerDirectoryInput = directoryRef.extend({
  subnetIds: z
    .tuple([
      z.string().trim().regex(SUBNET_ID, "Enter a subnet id: subnet- followed by 8 or 17 hexadecimal digits."),
      z.string().trim().regex(SUBNET_ID, "Enter a subnet id: subnet- followed by 8 or 17 hexadecimal digits."),
    ])
    .refine(([a, b]) => a !== b, "Choose two different subnets, in different Availability Zones."),
  enableSelfService: z.boolean().optional().default(false),
});

export type SelfServiceInput = z.input<typeof selfServiceInput>;
export type CreationPropertiesInput = z.input<typeof creationPropertiesInput>;
