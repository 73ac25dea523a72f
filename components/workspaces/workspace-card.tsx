import Link from "next/link";
import { DefinitionList } from "@/components/ui/definition-list";
import { RequestStatusBadge } from "@/components/ui/request-status";
import { actionLabel } from "@/lib/presentation/actions";
import { bundleNameLabel, workspaceDisplayName } from "@/lib/presentation/labels";
import type { WorkspaceView } from "@/lib/queries/workspaces";
import { StateBadge } from "./state-badge";
import { workspaceFacts } from "./facts";

const TYPE_NAMES: Record<string, string> = { create: "New WorkSpace" };

export function WorkspaceCard({ ws, now }: { ws: WorkspaceView; now: Date }) {
  const headingId = `ws-${ws.id}`;
  return (
    <article aria-labelledby={headingId} className="flex flex-col rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 p-4">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-brand-900">
            <Link href={`/workspaces/${ws.id}`} className="hover:underline">
              {workspaceDisplayName({ id: ws.id, computerName: ws.computerName, bundleName: bundleNameLabel(ws.bundleName) })}
            </Link>
          </h2>
          <p className="text-xs text-slate-600">
            <code data-raw-id>{ws.id}</code>
          </p>
        </div>
        <StateBadge state={ws.state} label={ws.stateLabel} tone={ws.stateTone} />
      </div>
      <div className="flex-1 p-4">
        <DefinitionList items={workspaceFacts(ws, now)} />
        {ws.openRequests.length > 0 && (
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="text-sm font-semibold text-slate-800">Open requests</h3>
            <ul className="mt-2 space-y-1">
              {ws.openRequests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 text-sm">
                  <Link href={`/requests/${r.id}`} className="text-brand-600 underline">
                    {TYPE_NAMES[r.type] ?? actionLabel(r.type)}
                  </Link>
                  <RequestStatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="flex flex-wrap gap-2 border-t border-slate-100 p-4">
        <Link
          href={`/workspaces/${ws.id}`}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Details and actions
        </Link>
        {(ws.directoryType === "SIMPLE_AD" || ws.directoryType === "MICROSOFT_AD" || ws.directoryType === "AD_CONNECTOR") && (
          <Link
            href={`/workspaces/${ws.id}/password`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Reset my password
          </Link>
        )}
      </div>
    </article>
  );
}
