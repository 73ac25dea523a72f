import type { Metadata } from "next";
import { BundleAdmin } from "@/components/admin/bundle-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listBundles } from "@/lib/queries/admin-bundles";

export const metadata: Metadata = { title: "Bundles" };
export const dynamic = "force-dynamic";

export default async function BundlesPage() {
  await requireRole("ADMIN");
  const { bundles, images, errors } = await listBundles();
  return (
    <>
      <PageHeader
        title="Bundles"
        description={
          "Amazon's public bundles and your custom ones, per Region. " +
          "Which persona or group is offered each bundle is set under Policies; " +
          "here you name offered bundles for the catalog and point custom bundles at a new image."
        }
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <BundleAdmin bundles={bundles} images={images} />
    </>
  );
}
