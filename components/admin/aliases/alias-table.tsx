import Link from "next/link";
import type { AliasPairView } from "@/lib/queries/admin-aliases";
import { aliasAssociationLabel, aliasStateLabel } from "@/lib/presentation/labels";

/** Every connection string with its alias in each Region, the primary one marked, and what is still missing. */
export function AliasTable({ pairs }: { pairs: AliasPairView[] }) {
  if (pairs.length === 0) return <p className="text-sm text-slate-600">No connection aliases yet.</p>;
  return (
    <ul className="grid gap-3">
      {pairs.map((pair) => (
        <li key={pair.connectionString} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h3 className="text-base font-medium">
            <Link href={`/admin/aliases/${pair.connectionString}`} className="break-all text-brand-700 underline">
              {pair.connectionString}
            </Link>
          </h3>
          <ul className="mt-1 text-sm text-slate-700">
            {pair.regions.map((r) => (
              <li key={r.aliasId}>
                {r.region}
                {pair.primary?.region === r.region ? " (primary)" : ""}: {aliasStateLabel(r.state)}
                {r.directory
                  ? `, ${aliasAssociationLabel(r.directory.status).toLowerCase()} with ${r.directory.name}`
                  : ", no directory yet"}
              </li>
            ))}
          </ul>
          {pair.gaps.length ? (
            <p className="mt-1 text-sm text-amber-800">Not ready: {pair.gaps[0]}</p>
          ) : (
            <p className="mt-1 text-sm text-emerald-700">Ready for redirection.</p>
          )}
        </li>
      ))}
    </ul>
  );
}
