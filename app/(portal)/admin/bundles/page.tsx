import type { Metadata } from "next";
import Link from "next/link";
import { BundleTable } from "@/components/admin/bundle-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { COMPUTE_TYPES } from "@/lib/domain/client";
import { filterBundles, isFiltered, offeredToText, parseBundleFilter } from "@/lib/presentation/bundle-filter";
import { computeTypeLabel, computeTypeRank, operatingSystemLabel, protocolLabel } from "@/lib/presentation/labels";
import { listBundles } from "@/lib/queries/admin-bundles";

export const metadata: Metadata = { title: "Bundles" };
export const dynamic = "force-dynamic";

const field = "w-full rounded border border-slate-300 px-2 py-1 sm:w-auto";

export default async function BundlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const params = await searchParams;
  const filter = parseBundleFilter(params);
  const deleted = typeof params.deleted === "string" ? params.deleted.slice(0, 100) : undefined;
  const { bundles, errors } = await listBundles();
  const shown = filterBundles(bundles, filter).map((b) => ({
    ...b,
    labels: {
      compute: computeTypeLabel(b.computeType),
      computeRank: computeTypeRank(b.computeType),
      os: operatingSystemLabel(b.operatingSystem),
      protocol: protocolLabel(b.protocol),
      offered: offeredToText(b.offeredTo),
    },
  }));
  const regions = [...new Set(bundles.map((b) => b.region))].sort();
  const select = (name: string, label: string, options: [string, string][], value?: string) => (
    <label className="text-sm">
      <span className="block text-slate-700">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={field}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <PageHeader
        title="Bundles"
        description={
          "Amazon's public bundles and your custom ones, per Region. " +
          "Which persona or group is offered each bundle is set under Policies; " +
          "open a bundle to name it for the catalog, give a custom bundle a new image, or delete it."
        }
      />
      {deleted && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Deleted the bundle {deleted}.
        </p>
      )}
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <form
        method="get"
        role="search"
        aria-label="Filter bundles"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <label className="text-sm">
          <span className="block text-slate-700">Search</span>
          <input type="search" name="q" defaultValue={filter.q} placeholder="Name or description" className={field} />
        </label>
        {select(
          "os",
          "Operating system",
          [
            ["WINDOWS", "Windows"],
            ["LINUX", "Linux"],
          ],
          filter.os,
        )}
        {select(
          "protocol",
          "Protocol",
          [
            ["WSP", "DCV"],
            ["PCOIP", "PCoIP"],
          ],
          filter.protocol,
        )}
        {select(
          "compute",
          "Compute type",
          COMPUTE_TYPES.map((c) => [c, computeTypeLabel(c)]),
          filter.compute,
        )}
        {select(
          "owner",
          "Owner",
          [
            ["AMAZON", "Amazon"],
            ["CUSTOM", "Custom"],
          ],
          filter.owner,
        )}
        {select(
          "catalog",
          "In the catalog",
          [
            ["offered", "Offered to someone"],
            ["not-offered", "Not offered"],
          ],
          filter.catalog,
        )}
        {regions.length > 1 &&
          select(
            "region",
            "Region",
            regions.map((r) => [r, r]),
            filter.region,
          )}
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
          Apply filters
        </button>
        {isFiltered(filter) && (
          <Link href="/admin/bundles" className="text-sm text-brand-700 underline">
            Clear
          </Link>
        )}
      </form>
      <p className="mb-2 text-sm text-slate-600">
        {isFiltered(filter) ? `${shown.length} of ${bundles.length} bundles match.` : `${bundles.length} bundles.`}
      </p>
      <BundleTable bundles={shown} />
      <p className="mt-4 text-sm">
        Built your own image?{" "}
        <Link href="/admin/bundles/new" className="font-medium text-brand-700 underline">
          New custom bundle
        </Link>{" "}
        · Need an image first?{" "}
        <Link href="/admin/images/new" className="font-medium text-brand-700 underline">
          Create image from a WorkSpace
        </Link>
      </p>
    </>
  );
}
