import type { DirectoryView } from "@/lib/queries/admin-directories";
import { DirectoryCreationForm } from "./directory-creation";
import { DirectoryIpGroups } from "./directory-ip-groups";
import { DirectoryDeregister } from "./directory-register";
import { DirectoryRequesters } from "./directory-requesters";
import { DirectoryToggles } from "./directory-toggles";

function mfa(d: DirectoryView): string {
  if (!d.radius) return "Unknown (Directory Service did not describe this directory)";
  if (!d.radius.enabled) return "Off";
  const servers = `${d.radius.servers.length} RADIUS server${d.radius.servers.length === 1 ? "" : "s"}`;
  const port = d.radius.port ? ` on port ${d.radius.port}` : "";
  const protocol = d.radius.protocol ? ` · ${d.radius.protocol}` : "";
  return `On · ${d.radius.status ?? "status unknown"} · ${servers}${port}${protocol}`;
}

/** One registered directory: what it is (read-only), then every editable setting with its own save and outcome. */
export function DirectoryCard({ directory: d, personas, groups }: { directory: DirectoryView; personas: string[]; groups: string[] }) {
  const ref = { region: d.region, directoryId: d.directoryId };
  const headingId = `dir-${d.directoryId}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={headingId} className="text-lg font-medium text-brand-900">
          {d.name}{" "}
          <span className="text-sm font-normal text-slate-500">
            · {d.region} · {d.directoryId}
          </span>
        </h2>
        <DirectoryDeregister {...ref} name={d.name} />
      </div>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[11rem_1fr]">
        <dt className="text-slate-600">Type</dt>
        <dd>{d.dsType ?? d.type ?? "—"}</dd>
        <dt className="text-slate-600">State</dt>
        <dd>{d.state ?? "—"}</dd>
        <dt className="text-slate-600">Subnets</dt>
        <dd className="font-mono text-xs">{d.subnetIds.join(", ") || "—"}</dd>
        <dt className="text-slate-600">Security group</dt>
        <dd className="font-mono text-xs">{d.securityGroupId ?? "—"}</dd>
        <dt className="text-slate-600">MFA (RADIUS)</dt>
        <dd>{mfa(d)}</dd>
      </dl>
      <div className="mt-4 grid gap-3 lg:grid-cols-2">
        <DirectoryToggles kind="selfservice" {...ref} values={d.selfservicePermissions as Record<string, string>} />
        <DirectoryCreationForm {...ref} current={d.creationProperties} />
        <DirectoryToggles kind="access" {...ref} values={d.accessProperties as Record<string, string>} />
        <DirectoryToggles kind="client" {...ref} values={d.clientProperties as Record<string, string>} />
        <DirectoryIpGroups {...ref} associated={d.ipGroups} others={d.otherIpGroups} />
        <DirectoryRequesters directoryId={d.directoryId} current={d.requesters} personas={personas} groups={groups} />
      </div>
    </section>
  );
}
