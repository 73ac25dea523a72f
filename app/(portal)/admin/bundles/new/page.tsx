import type { Metadata } from "next";
import { NewBundleForm } from "@/components/admin/bundle-admin";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { computeTypeLabel } from "@/lib/presentation/labels";
import { listBundles } from "@/lib/queries/admin-bundles";

const COMPUTE_CHOICES = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"] as const;

export const metadata: Metadata = { title: "New custom bundle" };
export const dynamic = "force-dynamic";

export default async function NewBundlePage() {
  await requireRole("ADMIN");
  const { images, errors } = await listBundles();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Bundles", href: "/admin/bundles" }]} current={"New custom bundle"} />
      <PageHeader
        title="New custom bundle"
        description="A bundle built from one of your images, with the compute type and volumes new WorkSpaces get."
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <NewBundleForm images={images} computeChoices={COMPUTE_CHOICES.map((c) => ({ value: c, label: computeTypeLabel(c) }))} />
    </>
  );
}
