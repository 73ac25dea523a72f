import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AliasGuidance } from "@/components/admin/aliases/alias-guidance";
import { AliasPrimaryForm } from "@/components/admin/aliases/alias-primary";
import { AliasRegionCard } from "@/components/admin/aliases/alias-region";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { getCurrentUser, requireRole } from "@/lib/auth/session";
import { connectionStringProblem } from "@/lib/domain/aliases";
import { getConnectionAliasPair } from "@/lib/queries/admin-aliases";

export const dynamic = "force-dynamic";

// The title and the page read the same pair once per request.
const load = cache(getConnectionAliasPair);

const DEFAULT_NOTE = " (the portal's default until you choose)";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const nameOf = async (params: Props["params"]) => decodeURIComponent((await params).name);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = await nameOf(params);
  // Only an admin's tab is titled with the name; anyone else gets the 403 page.
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, "ADMIN") || connectionStringProblem(name)) return { title: "Connection alias" };
  return { title: `${name} · Connection aliases` };
}

export default async function AliasPage({ params, searchParams }: Props) {
  await requireRole("ADMIN");
  const name = await nameOf(params);
  if (connectionStringProblem(name)) notFound();
  const page = await load(name);
  if (!page) notFound();
  const { pair } = page;
  const justCreated = (await searchParams).created === "1";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/aliases" className="text-brand-700 underline">
          All connection aliases
        </Link>
      </p>
      <PageHeader title={pair.connectionString} description={`Connection alias in ${pair.regions.map((r) => r.region).join(" and ")}`} />
      {justCreated && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800">
          Created {pair.connectionString}. AWS takes a moment to set it up; then associate each Region&apos;s alias with a directory below.
        </p>
      )}
      <div className="grid gap-4">
        <section aria-labelledby="status" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <h2 id="status" className="text-lg font-medium text-brand-900">
            Redirection
          </h2>
          {pair.gaps.length ? (
            <>
              <p className="mt-1 text-sm text-amber-800">Not ready yet:</p>
              <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                {pair.gaps.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-1 text-sm text-emerald-700">
              Ready: both Regions answer {pair.connectionString}; your DNS decides which one people reach.
            </p>
          )}
          <p className="mt-2 text-sm text-slate-700">
            {pair.primary
              ? `${pair.primary.region} is the primary Region${pair.primary.chosenBy === "default" ? DEFAULT_NOTE : ""}: ` +
                "point the DNS failover record and its health check there."
              : "No Region has this alias."}
          </p>
          {pair.regions.length > 1 ? (
            <div className="mt-3">
              <AliasPrimaryForm
                connectionString={pair.connectionString}
                regions={pair.regions.map((r) => r.region)}
                primary={pair.primary?.region}
                chosen={pair.primary?.chosenBy === "admin"}
              />
            </div>
          ) : null}
        </section>
        <div className="grid gap-4 lg:grid-cols-2">
          {pair.regions.map((r) => (
            <AliasRegionCard key={r.aliasId} alias={r} primary={pair.primary?.region === r.region} />
          ))}
        </div>
        <AliasGuidance connectionString={pair.connectionString} />
      </div>
    </>
  );
}
