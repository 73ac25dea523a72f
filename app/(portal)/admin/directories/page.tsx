import type { Metadata } from "next";
import Link from "next/link";
import { directoryKind, mfaShort, requestersShort, selfServiceShort } from "@/components/admin/directory-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { primaryButton } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { listDirectories, type DirectoryView } from "@/lib/queries/admin-directories";
import { otherAccountDirectories } from "@/lib/queries/admin-accounts";
import { directoryTypeLabel } from "@/lib/presentation/labels";
import { RawId } from "@/components/ui/raw-id";

export const metadata: Metadata = { title: "Directories" };
export const dynamic = "force-dynamic";

/** The settings a card shows at a glance, in the table's order. */
function glance(d: DirectoryView): [string, string][] {
  return [
    ["Type", directoryKind(d)],
    ["Region", d.region],
    ["WorkSpaces", String(d.workspaceCount)],
    ["Self-service", selfServiceShort(d)],
    ["MFA", mfaShort(d)],
    ["IP groups", d.ipGroups.length ? d.ipGroups.map((g) => g.name).join(", ") : "None"],
    ["Who may request", requestersShort(d)],
  ];
}

export default async function DirectoriesPage() {
  await requireRole("ADMIN");
  const [{ directories, unregistered, errors }, others] = await Promise.all([listDirectories(), otherAccountDirectories()]);
  return (
    <>
      <PageHeader
        title="Directories"
        description={
          "Directories registered with WorkSpaces, with their settings at a glance. Open one to change its settings, " +
          "IP groups and who may request WorkSpaces in it. Every change is made in AWS and audited."
        }
        actions={
          <Link href="/admin/directories/register" className={primaryButton}>
            Register a directory
          </Link>
        }
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      {directories.length === 0 ? (
        <EmptyState title="No directory is registered with WorkSpaces in the managed Regions.">
          {unregistered.length > 0 && (
            <Link href="/admin/directories/register" className="text-brand-700 underline">
              Register a directory
            </Link>
          )}
        </EmptyState>
      ) : (
        <>
          {/* On a phone each directory is a card; from a wide screen on, one row of a table. */}
          <ul aria-label="Registered directories" className="grid gap-3 lg:hidden">
            {directories.map((d) => (
              <li key={`${d.region}/${d.directoryId}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <Link href={`/admin/directories/${d.directoryId}`} className="font-medium break-all text-brand-700 underline">
                  {d.name}
                </Link>
                <code data-raw-id className="block text-xs text-slate-600">
                  {d.directoryId}
                </code>
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
                  {glance(d).map(([term, value]) => (
                    <div key={term} className="contents">
                      <dt className="text-slate-600">{term}</dt>
                      <dd className="min-w-0 break-words">{value}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
          <div
            role="region"
            aria-label="Registered directories"
            tabIndex={0}
            className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm lg:block"
          >
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Registered directories</caption>
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Directory
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Type
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Region
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    WorkSpaces
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Self-service
                  </th>
                  <th scope="col" className="px-3 py-2">
                    MFA
                  </th>
                  <th scope="col" className="px-3 py-2">
                    IP groups
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Who may request
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {directories.map((d) => (
                  <tr key={`${d.region}/${d.directoryId}`} className="align-top">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <Link href={`/admin/directories/${d.directoryId}`} className="font-medium text-brand-700 underline">
                        {d.name}
                      </Link>
                      <code data-raw-id className="block text-xs text-slate-600">
                        {d.directoryId}
                      </code>
                    </th>
                    <td className="px-3 py-2">{directoryKind(d)}</td>
                    <td className="px-3 py-2">{d.region}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{d.workspaceCount}</td>
                    <td className="px-3 py-2">{selfServiceShort(d)}</td>
                    <td className="px-3 py-2">{mfaShort(d)}</td>
                    <td className="px-3 py-2">{d.ipGroups.length ? d.ipGroups.map((g) => g.name).join(", ") : "None"}</td>
                    <td className="px-3 py-2">{requestersShort(d)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <OtherAccountDirectories {...others} />
    </>
  );
}

/** Directories in the other AWS accounts (AWS accounts page), each named with its account. */
function OtherAccountDirectories({ directories, errors }: Awaited<ReturnType<typeof otherAccountDirectories>>) {
  if (!directories.length && !errors.length) return null;
  return (
    <section aria-labelledby="other-accounts-heading" className="mt-8">
      <h2 id="other-accounts-heading" className="mb-2 text-lg font-semibold text-brand-900">
        Directories in other AWS accounts
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        The directories above are in the portal&apos;s own account. These are in the accounts on the{" "}
        <Link href="/admin/accounts" className="text-brand-700 underline">
          AWS accounts
        </Link>{" "}
        page; their settings are changed in that account.
      </p>
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <ul aria-label="Directories in other accounts" className="grid gap-3 md:grid-cols-2">
        {directories.map((d) => (
          <li key={`${d.accountId}/${d.region}/${d.directoryId}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="font-medium">{d.name}</p>
            <p className="text-sm text-slate-700">
              {directoryTypeLabel(d.type)} · {d.accountName} · {d.region} ·{" "}
              {d.workspaceCount === 1 ? "1 WorkSpace" : `${d.workspaceCount} WorkSpaces`}
            </p>
            <RawId value={d.directoryId} label="directory id" />
          </li>
        ))}
      </ul>
    </section>
  );
}
