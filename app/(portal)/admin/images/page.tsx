import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { utc } from "@/lib/presentation/format";
import { operatingSystemLabel } from "@/lib/presentation/labels";
import { imageHref, imageStateTone } from "@/lib/presentation/images";
import { listImages } from "@/lib/queries/admin-images";

export const metadata: Metadata = { title: "Images" };
export const dynamic = "force-dynamic";

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2 align-top";

export default async function ImagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const params = await searchParams;
  const deleted = typeof params.deleted === "string" ? params.deleted.slice(0, 100) : undefined;
  const { images, errors } = await listImages();
  const making = images.some((i) => i.state === "PENDING");
  return (
    <>
      <PageHeader
        title="Images"
        description={
          "Your custom images per Region, and the ones other accounts share with you. " +
          "A custom image holds a WorkSpace's operating system, applications and settings; " +
          "a custom bundle built on it hands them to new WorkSpaces."
        }
        actions={
          <Link href="/admin/images/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
            Create image from a WorkSpace
          </Link>
        }
      />
      <AutoRefresh active={making} />
      {deleted && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Deleted the image {deleted}.
        </p>
      )}
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      {making && (
        <p role="status" className="mb-3 text-sm text-slate-700">
          AWS is still making an image; this page refreshes until it is done.
        </p>
      )}
      <div role="region" aria-label="Images" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Images, their state, owner and the bundles that use them</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className={th}>
                Name
              </th>
              <th scope="col" className={th}>
                State
              </th>
              <th scope="col" className={th}>
                Region
              </th>
              <th scope="col" className={th}>
                Owner
              </th>
              <th scope="col" className={th}>
                Operating system
              </th>
              <th scope="col" className={th}>
                Used by bundles
              </th>
              <th scope="col" className={th}>
                Created
              </th>
            </tr>
          </thead>
          <tbody>
            {images.length === 0 && (
              <tr>
                <td colSpan={7} className={`${td} text-slate-700`}>
                  No images yet. Create one from a customised WorkSpace.
                </td>
              </tr>
            )}
            {images.map((i) => (
              <tr key={`${i.region}/${i.imageId}`} className="border-t border-slate-100">
                <td className={td}>
                  <Link href={imageHref(i)} className="font-medium text-brand-700 underline">
                    {i.name}
                  </Link>
                  <code data-raw-id className="block text-xs text-slate-600">
                    {i.imageId}
                  </code>
                </td>
                <td className={td}>
                  <Badge tone={imageStateTone(i.state)}>{i.stateLabel}</Badge>
                  {i.state === "ERROR" && i.errorMessage && <span className="mt-1 block text-xs text-red-700">{i.errorMessage}</span>}
                  {i.updateAvailable && <span className="mt-1 block text-xs text-slate-600">Updates available</span>}
                </td>
                <td className={td}>{i.region}</td>
                <td className={td}>{i.owned ? "This account" : `Shared by account ${i.ownerAccountId ?? "unknown"}`}</td>
                <td className={td}>
                  {operatingSystemLabel(i.operatingSystem)}
                  {i.byol && <span className="block text-xs text-slate-600">Bring your own licence</span>}
                </td>
                <td className={td}>
                  {i.bundles.length === 0
                    ? "None"
                    : i.bundles.map((b) => (
                        <Link
                          key={b.bundleId}
                          href={`/admin/bundles/${b.bundleId}?region=${i.region}`}
                          className="block text-brand-700 underline"
                        >
                          {b.name}
                        </Link>
                      ))}
                </td>
                <td className={`${td} whitespace-nowrap`}>{i.createdAt ? utc(new Date(i.createdAt)) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
