import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listDirectories } from "@/lib/queries/admin-directories";

export const metadata: Metadata = { title: "Directories" };
export const dynamic = "force-dynamic";

const flags = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${String(v)}`).join(" · ") || "—";

export default async function DirectoriesPage() {
  await requireRole("ADMIN");
  const { directories, errors } = await listDirectories();
  return (
    <>
      <PageHeader title="Directories" description="Directories registered with WorkSpaces, their MFA status from Directory Service, and their WorkSpaces settings. Who may request in each is set under Policies." />
      {errors.map((e) => <p key={e} role="alert" className="mb-3 text-sm text-red-700">Could not read {e}</p>)}
      <div className="grid gap-4">
        {directories.map((d) => (
          <section key={d.directoryId} aria-labelledby={`dir-${d.directoryId}`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 id={`dir-${d.directoryId}`} className="text-lg font-medium text-brand-900">{d.name} <span className="text-sm font-normal text-slate-500">· {d.region} · {d.directoryId}</span></h2>
            <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
              <dt className="text-slate-600">Type and state</dt><dd>{d.dsType ?? d.type} · {d.state}</dd>
              <dt className="text-slate-600">Subnets</dt><dd className="font-mono text-xs">{d.subnetIds.join(", ") || "—"}</dd>
              <dt className="text-slate-600">MFA (RADIUS)</dt><dd>{d.radius?.enabled ? `On (${d.radius.status ?? "status unknown"}; ${d.radius.servers.length} server${d.radius.servers.length === 1 ? "" : "s"})` : "Off"}</dd>
              <dt className="text-slate-600">Self-service permissions</dt><dd>{flags(d.selfservicePermissions)}</dd>
              <dt className="text-slate-600">Creation properties</dt><dd>{flags(d.creationProperties)}</dd>
              <dt className="text-slate-600">Access properties</dt><dd>{flags(d.accessProperties)}</dd>
              <dt className="text-slate-600">Client reconnect</dt><dd>{d.reconnect ?? "—"}</dd>
              <dt className="text-slate-600">IP access control groups</dt><dd>{d.ipGroupNames.join(", ") || "None"}</dd>
              <dt className="text-slate-600">May request here</dt><dd>{d.mayRequest.join(", ") || "Nobody"}</dd>
            </dl>
          </section>
        ))}
      </div>
    </>
  );
}
