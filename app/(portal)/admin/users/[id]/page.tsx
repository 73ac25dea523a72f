import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SignOutEverywhere } from "@/components/admin/sign-out-everywhere";
import { UserAccessForm } from "@/components/admin/user-access-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { computeTypeLabel, runningModeWithTimeout, workspaceStateLabel } from "@/lib/presentation/labels";
import { requestStatusView } from "@/lib/presentation/status";
import { getUserDetail, roleSourceText } from "@/lib/queries/admin-users";

export const metadata: Metadata = { title: "User" };

const cell = "px-3 py-2";

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  await requireRole("ADMIN");
  const { created } = await searchParams;
  const detail = await getUserDetail((await params).id);
  if (!detail) notFound();
  const { user, workspaces, requests, people, directoryName } = detail;
  return (
    <>
      <PageHeader
        title={user.name}
        description={
          `${user.email} · persona ${user.persona.toLowerCase()}` +
          (user.groups.length ? ` · groups ${user.groups.join(", ")}` : "") +
          ` · directory user name ${user.directoryUserName ?? "not set"}`
        }
        actions={
          <span className="flex gap-4">
            <Link href={`/admin/users/${user.id}/new-workspace`} className="text-sm text-brand-700 underline">
              Create a WorkSpace for {user.name}
            </Link>
            <Link href="/admin/users" className="text-sm text-brand-700 underline">
              All users
            </Link>
          </span>
        }
      />
      {created && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          The WorkSpace was requested for {user.name} and approved at once; it appears below when AWS has created it.
        </p>
      )}
      <UserAccessForm userId={user.id} role={user.role} managerId={user.managerId} people={people} roleSource={roleSourceText(user)} />
      {user.directoryIdentities.length > 0 && (
        <p className="mt-3 text-sm text-slate-600">
          Directory identities:{" "}
          {user.directoryIdentities.map((i, n) => (
            <span key={`${i.directoryId}/${i.userName}`}>
              {n > 0 && ", "}
              {i.userName} in {directoryName(i.directoryId) ?? "a directory the catalog does not list"}{" "}
              <code data-raw-id className="text-xs text-slate-600">
                {i.directoryId}
              </code>{" "}
              ({i.source === "ldap" ? "Active Directory" : "OIDC"})
            </span>
          ))}
        </p>
      )}
      <div className="mt-3">
        <SignOutEverywhere userId={user.id} name={user.name} />
      </div>
      {user.reports.length > 0 && <p className="mt-3 text-sm text-slate-600">Reports: {user.reports.map((r) => r.name).join(", ")}</p>}

      <h2 className="mt-8 mb-2 text-lg font-medium text-brand-900">WorkSpaces</h2>
      {workspaces.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        <div
          role="region"
          aria-label={`WorkSpaces of ${user.name}`}
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">WorkSpaces of {user.name}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={cell}>
                  WorkSpace
                </th>
                <th scope="col" className={cell}>
                  Directory
                </th>
                <th scope="col" className={cell}>
                  State
                </th>
                <th scope="col" className={cell}>
                  Bundle
                </th>
                <th scope="col" className={cell}>
                  Compute
                </th>
                <th scope="col" className={cell}>
                  Running mode
                </th>
              </tr>
            </thead>
            <tbody>
              {workspaces.map((w) => (
                <tr key={w.id} className="border-t border-slate-100">
                  <td className={cell}>
                    <Link href={`/admin/fleet/${w.id}`} className="text-brand-700 underline">
                      {w.name}
                    </Link>
                    <code data-raw-id className="block text-xs text-slate-600">
                      {w.id}
                    </code>
                  </td>
                  <td className={cell}>
                    {w.directoryName ?? "—"}
                    <span className="block text-xs text-slate-600">{w.region}</span>
                  </td>
                  <td className={cell}>{w.goneAt ? "Gone" : workspaceStateLabel(w.state)}</td>
                  <td className={cell}>
                    {w.bundleName ?? (
                      <code data-raw-id className="text-xs text-slate-600">
                        {w.bundleId}
                      </code>
                    )}
                  </td>
                  <td className={cell}>{computeTypeLabel(w.computeType)}</td>
                  <td className={cell}>{runningModeWithTimeout(w.runningMode, w.autoStopTimeoutMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="mt-8 mb-2 text-lg font-medium text-brand-900">Requests</h2>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        <div
          role="region"
          aria-label={`Requests by or for ${user.name}`}
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Requests by or for {user.name}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={cell}>
                  When
                </th>
                <th scope="col" className={cell}>
                  Change
                </th>
                <th scope="col" className={cell}>
                  Status
                </th>
                <th scope="col" className={cell}>
                  Asked by
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className={`${cell} whitespace-nowrap`}>{r.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</td>
                  <td className={cell}>
                    <Link href={`/requests/${r.id}`} className="text-brand-700 underline">
                      {r.title}
                    </Link>
                  </td>
                  <td className={cell}>{requestStatusView(r.status).label}</td>
                  <td className={cell}>{r.requester.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
