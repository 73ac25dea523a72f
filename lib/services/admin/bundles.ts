import { z } from "zod";
import { getAwsGateway } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../audit";
import { setCatalogSource } from "../catalog";
import { getPolicySettings } from "../settings";
import { toJson } from "../tx";
import { ServiceError } from "../errors";
import { callAws, parseInput, requireAdmin, type AdminCaller } from "./guard";
import { regionSchema } from "./validation";

// Custom bundles: create from an image, point at a new image, delete. After each change the catalog
// cache (60 s) is replaced, so request forms see the change at once.

const bundleId = z.string().regex(/^wsb-[0-9a-z]{8,63}$/, "Unknown bundle.");
const imageId = z.string().regex(/^wsi-[0-9a-z]{8,63}$/, "Choose an image.");

export const createBundleInput = z.object({
  region: regionSchema,
  name: z.string().trim().min(1, "Give the bundle a name.").max(64),
  description: z.string().trim().min(1, "Describe the bundle.").max(255),
  imageId,
  computeType: z.enum(["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"]),
  rootVolumeGib: z.number().int().min(80).max(2000),
  userVolumeGib: z.number().int().min(10).max(2000),
});
export const bundleRef = z.object({ region: regionSchema, bundleId });
export const updateBundleImageInput = bundleRef.extend({ imageId });

async function refreshCatalog() {
  const { gatewayCatalogSource } = await import("../catalog-gateway");
  setCatalogSource(gatewayCatalogSource());
}

export async function createCustomBundle(caller: AdminCaller, raw: z.input<typeof createBundleInput>): Promise<{ bundleId: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(createBundleInput, raw);
  const out = await callAws(actor, { action: "bundle.create", targetType: "bundle", targetId: input.name, detail: input }, () =>
    getAwsGateway().region(input.region).bundles.createBundle({ name: input.name, description: input.description, imageId: input.imageId, computeType: input.computeType, rootVolumeGib: input.rootVolumeGib, userVolumeGib: input.userVolumeGib }),
  );
  await recordAudit(db(), { actor, action: "bundle.created", targetType: "bundle", targetId: out.bundle.bundleId, after: input, awsRequestIds: [out.requestId] });
  await refreshCatalog();
  return { bundleId: out.bundle.bundleId };
}

export async function updateBundleImage(caller: AdminCaller, raw: z.input<typeof updateBundleImageInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(updateBundleImageInput, raw);
  const gw = getAwsGateway().region(input.region);
  const [before] = await gw.bundles.describeBundles({ bundleIds: [input.bundleId] }).catch(() => []);
  if (before?.owner === "AMAZON") throw new ServiceError("refused", "Amazon's public bundles cannot be changed; create a custom bundle instead.");
  const out = await callAws(actor, { action: "bundle.update_image", targetType: "bundle", targetId: input.bundleId, detail: input }, () => gw.bundles.updateBundle(input.bundleId, input.imageId));
  await recordAudit(db(), { actor, action: "bundle.image_updated", targetType: "bundle", targetId: input.bundleId, before: { imageId: before?.imageId }, after: { imageId: input.imageId }, awsRequestIds: [out.requestId], detail: { region: input.region } });
  await refreshCatalog();
}

/** Refused while any WorkSpace the inventory knows still uses the bundle, saying how many and whose. */
export async function deleteCustomBundle(caller: AdminCaller, raw: z.input<typeof bundleRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(bundleRef, raw);
  const using = await db().workspace.findMany({ where: { bundleId: input.bundleId, goneAt: null }, select: { id: true, userName: true }, take: 5 });
  if (using.length) {
    const count = await db().workspace.count({ where: { bundleId: input.bundleId, goneAt: null } });
    throw new ServiceError("refused", `${count} WorkSpace${count === 1 ? "" : "s"} still use${count === 1 ? "s" : ""} this bundle (${using.map((w) => `${w.userName}: ${w.id}`).join(", ")}${count > using.length ? ", …" : ""}). Migrate or terminate them first.`);
  }
  const gw = getAwsGateway().region(input.region);
  const [before] = await gw.bundles.describeBundles({ bundleIds: [input.bundleId] }).catch(() => []);
  if (before?.owner === "AMAZON") throw new ServiceError("refused", "Amazon's public bundles cannot be deleted.");
  const out = await callAws(actor, { action: "bundle.delete", targetType: "bundle", targetId: input.bundleId, detail: input }, () => gw.bundles.deleteBundle(input.bundleId));
  await recordAudit(db(), { actor, action: "bundle.deleted", targetType: "bundle", targetId: input.bundleId, before, awsRequestIds: [out.requestId], detail: { region: input.region } });
  await refreshCatalog();
}

// How the catalog presents an offered bundle to employees: a friendlier name and a sentence on what it is for.
// One Setting row keyed by bundle id; the bundle itself (AWS's name and specs) is untouched.
export const CATALOG_DISPLAY_SETTING_KEY = "catalog-display";

const displayEntry = z.object({
  displayName: z.string().trim().min(1, "Give the bundle a display name.").max(64, "Keep the display name under 64 characters."),
  description: z.string().trim().max(280, "Keep the description under 280 characters.").default(""),
});
export const catalogDisplaySchema = z.record(bundleId, displayEntry);
export type CatalogDisplay = z.infer<typeof catalogDisplaySchema>;
export const setBundleDisplayInput = z.object({ bundleId }).and(displayEntry);

export async function getCatalogDisplay(): Promise<CatalogDisplay> {
  const row = await db().setting.findUnique({ where: { key: CATALOG_DISPLAY_SETTING_KEY } });
  const parsed = catalogDisplaySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Sets how an offered bundle shows in the catalog; refused for a bundle no persona or group is offered. */
export async function setBundleDisplay(caller: AdminCaller, raw: z.input<typeof setBundleDisplayInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(setBundleDisplayInput, raw);
  const policy = await getPolicySettings(db());
  const offered = [...Object.values(policy.catalog.byPersona), ...Object.values(policy.catalog.byGroup)].some((o) => o.bundleIds.includes(input.bundleId));
  if (!offered) throw new ServiceError("refused", "This bundle is not offered to any persona or group; offer it under Policies first, then name it.");
  await writeDisplay(actor, input.bundleId, { displayName: input.displayName, description: input.description });
}

export async function clearBundleDisplay(caller: AdminCaller, raw: z.input<typeof bundleRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(bundleRef.pick({ bundleId: true }), raw);
  await writeDisplay(actor, input.bundleId, null);
}

async function writeDisplay(actor: Awaited<ReturnType<typeof requireAdmin>>, id: string, entry: CatalogDisplay[string] | null) {
  await db().$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: CATALOG_DISPLAY_SETTING_KEY } });
    const current = catalogDisplaySchema.safeParse(row?.value ?? {});
    const all: CatalogDisplay = current.success ? { ...current.data } : {};
    const before = all[id] ?? null;
    if (entry) all[id] = entry;
    else delete all[id];
    await tx.setting.upsert({
      where: { key: CATALOG_DISPLAY_SETTING_KEY },
      create: { key: CATALOG_DISPLAY_SETTING_KEY, value: toJson(all), updatedById: actor.id },
      update: { value: toJson(all), updatedById: actor.id },
    });
    await recordAudit(tx, { actor, action: entry ? "bundle.display_set" : "bundle.display_cleared", targetType: "bundle", targetId: id, before, after: entry });
  });
}
