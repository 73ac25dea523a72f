import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyImageForm, DeleteImage, ImageSharing } from "@/components/admin/image-admin";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge } from "@/components/ui/badge";
import { DefinitionList } from "@/components/ui/definition-list";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { cardClass } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { utc } from "@/lib/presentation/format";
import { imageStateTone } from "@/lib/presentation/images";
import { operatingSystemLabel } from "@/lib/presentation/labels";
import { getImage } from "@/lib/queries/admin-images";

export const metadata: Metadata = { title: "Image · Images" };
export const dynamic = "force-dynamic";

const heading = "mb-2 text-lg font-medium text-brand-900";

export default async function ImagePage({
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
  if (!region || !/^wsi-[0-9a-z]{9,63}$/.test(id)) notFound();
  const detail = await getImage(region, id);
  if (!detail) notFound();
  const { image } = detail;
  const pending = image.state === "PENDING";
  const facts: [string, React.ReactNode][] = [
    [
      "State",
      <Badge key="state" tone={imageStateTone(image.state)}>
        {image.stateLabel}
      </Badge>,
    ],
    ["Region", image.region],
    ["Owner", image.owned ? "This account" : `Shared by account ${image.ownerAccountId ?? "unknown"}`],
    ["Operating system", operatingSystemLabel(image.operatingSystem)],
    ["Licence", image.byol ? "Bring your own licence (dedicated hardware)" : "Included"],
    ["Created", image.createdAt ? utc(new Date(image.createdAt)) : "—"],
  ];
  if (detail.madeFrom)
    facts.push([
      "Made from",
      detail.madeFrom.inInventory ? (
        <Link key="from" href={`/admin/fleet/${detail.madeFrom.workspaceId}`} className="text-brand-700 underline">
          {detail.madeFrom.name}
        </Link>
      ) : (
        detail.madeFrom.name
      ),
    ]);
  if (image.updateAvailable) facts.push(["Updates", image.updateDescription ?? "Updates are available for this image."]);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Images", href: "/admin/images" }]} current={image.name} />
      <PageHeader title={image.name} description={image.description} />
      <AutoRefresh active={pending} />
      {query.created && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          AWS is making the image {image.name}. This page follows it until it is available or has failed.
        </p>
      )}
      {query.copied && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          AWS is copying the image into {image.region} under a new id. This page follows it until the copy is done.
        </p>
      )}
      {pending && (
        <p role="status" className="mb-4 text-sm text-slate-700">
          Being made: this page refreshes every few seconds.
        </p>
      )}
      {image.state === "ERROR" && (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">AWS could not make this image.</p>
          <p>{image.errorMessage ?? "AWS gave no reason."}</p>
          {image.errorCode && <p className="text-xs text-red-800">AWS&rsquo;s code: {image.errorCode}</p>}
        </div>
      )}
      <p className="mb-4 text-sm">
        <RawId value={image.imageId} label="image id" />
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="image-facts" className={cardClass}>
          <h2 id="image-facts" className={heading}>
            About this image
          </h2>
          <DefinitionList items={facts} />
        </section>
        <section aria-labelledby="image-bundles" className={cardClass}>
          <h2 id="image-bundles" className={heading}>
            Bundles using it
          </h2>
          {image.bundles.length === 0 ? (
            <p className="text-sm text-slate-700">No bundle uses this image.</p>
          ) : (
            <ul className="list-disc pl-5 text-sm">
              {image.bundles.map((b) => (
                <li key={b.bundleId}>
                  <Link href={`/admin/bundles/${b.bundleId}?region=${image.region}`} className="text-brand-700 underline">
                    {b.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm text-slate-700">
            {image.state === "AVAILABLE" && image.owned ? (
              <>
                Build a bundle on it under{" "}
                <Link href="/admin/bundles/new" className="text-brand-700 underline">
                  New custom bundle
                </Link>
                .
              </>
            ) : null}
          </p>
        </section>
        {image.owned && (
          <section aria-labelledby="image-copy" className={cardClass}>
            <h2 id="image-copy" className={heading}>
              Copy to another Region
            </h2>
            {detail.copyTargets.length === 0 ? (
              <p className="text-sm text-slate-700">The portal manages no other Region.</p>
            ) : detail.copyRefusal ? (
              <p className="text-sm text-slate-700">{detail.copyRefusal}</p>
            ) : (
              <>
                <p className="mb-2 text-sm text-slate-700">
                  A copy gets a new image id in the other Region, ready for bundles there, e.g. for a standby Region.
                </p>
                <CopyImageForm region={image.region} imageId={image.imageId} name={image.name} targets={detail.copyTargets} />
              </>
            )}
          </section>
        )}
        {image.owned && (
          <section aria-labelledby="image-sharing" className={cardClass}>
            <h2 id="image-sharing" className={heading}>
              Shared with other accounts
            </h2>
            <p className="mb-2 text-sm text-slate-700">
              An account you share the image with may copy it. Check the account id before sharing.
            </p>
            {image.state === "AVAILABLE" || detail.sharedWith.length ? (
              <ImageSharing region={image.region} imageId={image.imageId} sharedWith={detail.sharedWith} />
            ) : (
              <p className="text-sm text-slate-700">Only an available image can be shared.</p>
            )}
          </section>
        )}
        {image.owned && (
          <section aria-labelledby="image-delete" className={cardClass}>
            <h2 id="image-delete" className={heading}>
              Delete
            </h2>
            <p className="mb-2 text-sm text-slate-700">
              {detail.deleteRefusal ?? "No bundle uses this image and it is not shared, so it can be deleted."}
            </p>
            <DeleteImage region={image.region} imageId={image.imageId} name={image.name} />
          </section>
        )}
      </div>
    </>
  );
}
