import { Alert } from "@/components/ui/alert";
import type { ReclaimWarning } from "@/lib/queries/reclaim";
import { KeepWorkspaceForm } from "./keep-workspace-form";

const day = (at: Date) => at.toISOString().slice(0, 10);

/** The reclaim warning on the WorkSpace page; only those who may keep it (owner, admin) get the form. */
export function ReclaimBanner({ workspaceId, warning, mayKeep }: { workspaceId: string; warning: ReclaimWarning; mayKeep: boolean }) {
  if (warning.status === "KEPT") {
    return (
      <Alert tone="success" role="status" title={`Kept on ${day(warning.keptAt)}: it will not be reclaimed`}>
        <p>The idle period starts again from that day{warning.justification ? ` (“${warning.justification}”)` : ""}.</p>
      </Alert>
    );
  }
  const since = warning.neverUsed
    ? `Never used since it was set up on ${day(warning.idleSince)}`
    : `Not used since ${day(warning.idleSince)}`;
  return (
    <Alert tone="warning" role="status" title={`${since} — it will be reclaimed on ${day(warning.reclaimOn)} unless you keep it`}>
      <p>Reclaiming gives the WorkSpace back and erases everything on it. Keeping it starts the idle period again.</p>
      {mayKeep ? <KeepWorkspaceForm workspaceId={workspaceId} /> : <p className="mt-1">Only its owner or an admin can keep it.</p>}
    </Alert>
  );
}
