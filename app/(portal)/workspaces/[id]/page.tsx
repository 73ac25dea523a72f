import type { Metadata } from "next";
import { encryptionSentence } from "@/lib/domain/encryption";
import { workspaceVolumeEncryptionKey } from "@/lib/queries/workspace-encryption";
import { workspaceAccountName } from "@/lib/queries/workspace-account";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { DefinitionList } from "@/components/ui/definition-list";
import { PageHeader } from "@/components/ui/page-header";
import { cardClass } from "@/components/ui/styles";
import { ActionList } from "@/components/workspaces/action-list";
import { ChangeForm } from "@/components/workspaces/change-form";
import { WorkspaceHistory } from "@/components/workspaces/workspace-history";
import { workspaceFacts } from "@/components/workspaces/facts";
import { StateBadge } from "@/components/workspaces/state-badge";
import { UsagePanel } from "@/components/workspaces/usage-panel";
import { ReclaimBanner } from "@/components/workspaces/reclaim-banner";
import { PendingBanner } from "@/components/workspaces/pending-banner";
import { MaintenanceBanner } from "@/components/workspaces/maintenance-banner";
import { heldByMaintenance, isInAdminMaintenance, MAINTENANCE_HOLD_MESSAGE } from "@/lib/domain/maintenance";
import { RawId } from "@/components/ui/raw-id";
import { mayKeepWorkspace, portalResetsPassword } from "@/lib/domain";
import { reclaimWarningFor } from "@/lib/queries/reclaim";
import { requireUser } from "@/lib/auth/session";
import { ACTIONS, type ActionKind } from "@/lib/presentation/actions";
import { isTransitional } from "@/lib/presentation/status";
import { workspaceUsagePanel } from "@/lib/queries/optimizer";
import { describer } from "@/lib/queries/requests";
import { actionAvailability, CATALOG_LOADING, changeOptions } from "@/lib/queries/workspace-actions";
import { getWorkspaceForViewer, workspaceFleetChanges, workspaceRequests } from "@/lib/queries/workspaces";
import { pendingRequestsFor } from "@/lib/queries/workspace-pending";
import { workspaceTagPanel } from "@/lib/queries/tags";
import { WorkspaceTags } from "@/components/tags/workspace-tags";
import { bundleNameLabel, workspaceDisplayName } from "@/lib/presentation/labels";

export const metadata: Metadata = { title: "WorkSpace" };

export default async function WorkspacePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ action?: string }>;
}) {
  const user = await requireUser();
  const [{ id }, { action }] = await Promise.all([params, searchParams]);
  const ws = await getWorkspaceForViewer(user, decodeURIComponent(id));
  if (!ws) notFound();
  const [availability, options, history, fleetChanges, describe, usagePanel, reclaimWarning, pending, tagPanel, accountName] =
    await Promise.all([
      actionAvailability(user, ws),
      changeOptions(user, ws),
      workspaceRequests(ws.id),
      workspaceFleetChanges(ws.id),
      describer([ws.region], [ws.id]),
      workspaceUsagePanel(ws.id),
      reclaimWarningFor(ws.id),
      pendingRequestsFor(user, ws),
      workspaceTagPanel(user, ws),
      workspaceAccountName(ws.accountId),
    ]);
  const volumeEncryptionKey = ws.rootVolumeEncrypted || ws.userVolumeEncrypted ? await workspaceVolumeEncryptionKey(ws.id) : null;
  const selected = ACTIONS.some((a) => a.kind === action) ? (action as ActionKind) : null;
  const selectedState = selected ? availability.find((a) => a.kind === selected) : null;
  const now = new Date();
  const name = workspaceDisplayName({ ...ws, bundleName: bundleNameLabel(ws.bundleName) });
  const mayResetHere = portalResetsPassword(ws.directoryType);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/" className="text-brand-600 underline">
          My WorkSpaces
        </Link>{" "}
        <span aria-hidden>/</span> {name}
      </nav>
      <PageHeader
        title={name}
        description={ws.stateSentence}
        actions={<StateBadge state={ws.state} label={ws.stateLabel} tone={ws.stateTone} />}
      />
      <AutoRefresh active={isTransitional(ws.state) || ws.openRequests.length > 0} />
      {isInAdminMaintenance(ws.state) && <MaintenanceBanner />}
      <PendingBanner requests={pending} />
      {reclaimWarning && (
        <div className="mb-6">
          <ReclaimBanner workspaceId={ws.id} warning={reclaimWarning} mayKeep={mayKeepWorkspace(user, ws.ownerId)} />
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="details-heading" className={cardClass}>
          <h2 id="details-heading" className="mb-3 text-lg font-semibold text-brand-900">
            Details
          </h2>
          <DefinitionList
            items={[
              ...workspaceFacts(ws, now),
              ["User name", ws.userName],
              ["Encryption", encryptionSentence({ ...ws, volumeEncryptionKey })],
              ["Cost centre", ws.costCenter ?? "—"],
              ...(accountName ? [["AWS account", accountName] as [string, string]] : []),
              ["WorkSpace id", <RawId key="id" value={ws.id} label="WorkSpace id" />],
            ]}
          />
          <p className="mt-4 text-sm">
            <Link href={`/workspaces/${ws.id}/password`} className="font-medium text-brand-600 underline">
              {mayResetHere ? "Reset my directory password" : "How to reset your password"}
            </Link>
          </p>
        </section>
        <section aria-labelledby="actions-heading" className={cardClass}>
          <h2 id="actions-heading" className="mb-3 text-lg font-semibold text-brand-900">
            Actions
          </h2>
          <ActionList workspaceId={ws.id} availability={availability} selected={selected} />
        </section>
      </div>
      {usagePanel && <UsagePanel workspaceId={ws.id} panel={usagePanel} />}
      {selected && (
        <section id="action-form" aria-labelledby="form-heading" className={`${cardClass} mt-6`}>
          <h2 id="form-heading" className="mb-3 text-lg font-semibold text-brand-900">
            {ACTIONS.find((a) => a.kind === selected)!.label}
          </h2>
          {selectedState?.available && heldByMaintenance(ws.state, selected) && (
            <p className="mb-3 text-sm text-amber-900" data-testid="maintenance-hold">
              {MAINTENANCE_HOLD_MESSAGE}
            </p>
          )}
          {selectedState && !selectedState.available ? (
            selectedState.reasons.length === 0 && selectedState.heldByOpenRequest ? (
              <p className="text-sm text-slate-700">
                This waits for the open request above: once it is done or cancelled, you can ask for it.
              </p>
            ) : (
              <p role="alert" className="text-sm text-red-800">
                {selectedState.reasons.join(" ")}
              </p>
            )
          ) : options.catalogLoading && (selected === "computeType" || selected === "migrate") ? (
            <p role="status" className="text-sm text-slate-700">
              {CATALOG_LOADING}
            </p>
          ) : (
            <ChangeForm
              key={selected}
              kind={selected}
              workspace={{
                id: ws.id,
                computeType: ws.computeType,
                rootVolumeGb: ws.rootVolumeGb ?? 80,
                userVolumeGb: ws.userVolumeGb ?? 50,
                runningMode: ws.runningMode,
                autoStopTimeoutMinutes: ws.autoStopTimeoutMinutes,
              }}
              options={{
                compute: options.compute,
                migrationTargets: options.migrationTargets.map((b) => ({ id: b.id, name: bundleNameLabel(b.name) })),
                breakEvenHours: options.breakEvenHours,
              }}
            />
          )}
        </section>
      )}
      {tagPanel && <WorkspaceTags workspaceId={ws.id} panel={tagPanel} />}
      <section aria-labelledby="history-heading" className="mt-6">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold text-brand-900">
          History
        </h2>
        <WorkspaceHistory
          history={history}
          fleetChanges={fleetChanges}
          describe={describe}
          now={now}
          emptyTitle="No changes to this WorkSpace yet"
          emptyText="Changes you ask for appear here with their approval and outcome, and so do changes IT makes."
          fleetHeading="Changes made by IT administrators"
        />
      </section>
    </>
  );
}
