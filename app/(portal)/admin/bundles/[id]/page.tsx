import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CatalogDisplayForm, DeleteBundle, UpdateImageForm } from "@/components/admin/bundle-admin";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { requireRole } from "@/lib/auth/session";
import { offeredToText } from "@/lib/presentation/bundle-filter";
import { computeTypeLabel, operatingSystemLabel, protocolLabel } from "@/lib/presentation/labels";
import { getBundle } from "@/lib/queries/admin-bundles";
import { resourceTags } from "@/lib/queries/tags";
import { ResourceTags } from "@/components/tags/resource-tags";

export const metadata: Metadata = { title: "Bundle" };
export const dynamic = "force-dynamic";

const section = "rounded-lg border border-slate-200 bg-white p-4";

export default async function BundlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("ADMIN");
  const { id } = await params;
  const query = await searchParams;
  const region = typeof query.region === "string" ? query.region : undefined;
  const { bundle, images, errors } = await getBundle(id, region);
  if (!bundle) {
    if (errors.length) throw new Error(`Could not read the bundles: ${errors.join("; ")}`);
    notFound();
  }
  const facts: [string, React.ReactNode][] = [
    ["Owner", bundle.custom ? "Custom (built from your image)" : "Amazon (public bundle)"],
    ["Region", bundle.region],
    ["Compute type", computeTypeLabel(bundle.computeType)],
    ["Operating system", operatingSystemLabel(bundle.operatingSystem)],
    ["Protocol", protocolLabel(bundle.protocol)],
    ["Root / user volume", `${bundle.rootVolumeGib ?? "?"} GB / ${bundle.userVolumeGib ?? "?"} GB`],
    ["WorkSpaces using it", String(bundle.inUse)],
    ["Offered to", offeredToText(bundle.offeredTo)],
  ];
  if (bundle.custom) facts.push(["Image", bundle.imageName ?? "Not visible to this account"]);
  // Only custom bundles take tags; AWS refuses them on Amazon's public bundles.
  const tags = bundle.custom ? await resourceTags(bundle.region, bundle.bundleId) : { tags: [], error: null };
  return (
    <>
      <Breadcrumbs trail={[{ label: "Bundles", href: "/admin/bundles" }]} current={bundle.name} />
      <PageHeader title={bundle.name} description={bundle.description} />
      {query.created && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Created the bundle {bundle.name}. Offer it to a persona or group under Policies to put it in the catalog.
        </p>
      )}
      <p className="mb-4 text-sm">
        <RawId value={bundle.bundleId} label="bundle id" />
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="bundle-facts" className={section}>
          <h2 id="bundle-facts" className="mb-2 text-lg font-medium text-brand-900">
            About this bundle
          </h2>
          <dl className="grid grid-cols-[minmax(0,11rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600">{k}</dt>
                <dd className="break-words">{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className={section}>
          {bundle.offeredTo.length > 0 ? (
            <CatalogDisplayForm bundle={bundle} offeredText={offeredToText(bundle.offeredTo)} />
          ) : (
            <>
              <h2 className="text-lg font-medium text-brand-900">In the catalog</h2>
              <p className="mt-1 text-sm text-slate-600">
                Not offered to anyone, so employees do not see it. Offer it to a persona or group under{" "}
                <Link href="/admin/policies" className="text-brand-700 underline">
                  Policies
                </Link>
                , then name it here.
              </p>
            </>
          )}
        </section>
        <ResourceTags
          region={bundle.region}
          resourceId={bundle.bundleId}
          what="bundle"
          tags={tags.tags}
          readError={tags.error}
          readOnlyReason={bundle.custom ? undefined : "AWS does not tag Amazon's public bundles; tag a custom bundle instead."}
        />
        {bundle.custom && (
          <section aria-labelledby="bundle-image" className={section}>
            <h2 id="bundle-image" className="mb-2 text-lg font-medium text-brand-900">
              Image
            </h2>
            <p className="mb-2 text-sm text-slate-600">New WorkSpaces get the new image; existing ones on their next rebuild.</p>
            <UpdateImageForm bundle={bundle} images={images} />
            <p className="mt-3 text-sm">
              <Link
                href={`/admin/rollouts/new?bundle=${bundle.bundleId}&region=${bundle.region}`}
                className="font-medium text-brand-700 underline"
              >
                Roll out to its WorkSpaces
              </Link>{" "}
              <span className="text-slate-600">in waves, a canary first, rebuilding them or migrating others onto this bundle.</span>
            </p>
          </section>
        )}
        {bundle.custom && (
          <section aria-labelledby="bundle-delete" className={section}>
            <h2 id="bundle-delete" className="mb-2 text-lg font-medium text-brand-900">
              Delete
            </h2>
            <p className="mb-2 text-sm text-slate-600">
              {bundle.inUse > 0
                ? `${bundle.inUse} WorkSpace${bundle.inUse === 1 ? " uses" : "s use"} this bundle; ` +
                  "AWS refuses to delete it until none does."
                : "No WorkSpace uses this bundle."}
            </p>
            <DeleteBundle bundle={bundle} />
          </section>
        )}
      </div>
    </>
  );
}
