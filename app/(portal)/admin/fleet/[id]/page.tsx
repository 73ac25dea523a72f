import type { Metadata } from "next";
import { encryptionSentence } from "@/lib/domain/encryption";
import { workspaceVolumeEncryptionKey } from "@/lib/queries/workspace-encryption";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/admin/audit-table";
import { BulkPanel } from "@/components/admin/bulk-panel";
import { DefinitionList } from "@/components/ui/definition-list";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { cardClass } from "@/components/ui/styles";
import { ActionList } from "@/components/workspaces/action-list";
import { WorkspaceHistory } from "@/components/workspaces/workspace-history";
import { lastConnectionText, monthlyCostText, runningModeText } from "@/components/workspaces/facts";
import { StateBadge } from "@/components/workspaces/state-badge";
import { requireRole } from "@/lib/auth/session";
import { gb, utc } from "@/lib/presentation/format";
import {
  bundleNameLabel,
  computeTypeLabel,
  directoryTypeLabel,
  operatingSystemLabel,
  protocolLabel,
  workspaceDisplayName,
} from "@/lib/presentation/labels";
import { auditNames } from "@/lib/queries/admin-audit";
import { adminWorkspaceExtras, workspaceAuditTrail } from "@/lib/queries/admin-fleet";
import { catalogFor } from "@/lib/queries/catalog";
import { describer } from "@/lib/queries/requests";
import { actionAvailability } from "@/lib/queries/workspace-actions";
import { accountNameOf } from "@/lib/queries/admin-accounts";
import { getWorkspaceForViewer, workspaceFleetChanges, workspaceRequests } from "@/lib/queries/workspaces";

export const metadata: Metadata = { title: "WorkSpace · Fleet" };

const sectionHeading = "mb-3 text-lg font-semibold text-brand-900";

/** One WorkSpace as an admin sees it: its facts by name, its owner, tags, history and audit trail, and what an admin can do. */
export default async function AdminWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireRole("ADMIN");
  const id = decodeURIComponent((await params).id);
  const [ws, extras] = await Promise.all([getWorkspaceForViewer(admin, id), adminWorkspaceExtras(id)]);
  if (!ws || !extras) notFound();
  const [history, fleetChanges, describe, availability, catalog, accountName] = await Promise.all([
    workspaceRequests(ws.id),
    workspaceFleetChanges(ws.id),
    describer([ws.region], [ws.id]),
    actionAvailability(admin, ws),
    catalogFor([ws.region], ws.accountId ? [ws.accountId] : []),
    accountNameOf(ws.accountId),
  ]);
  const auditRows = await workspaceAuditTrail(
    ws.id,
    history.map((r) => r.id),
  );
  const names = await auditNames(auditRows);
  const volumeEncryptionKey = ws.rootVolumeEncrypted || ws.userVolumeEncrypted ? await workspaceVolumeEncryptionKey(ws.id) : null;
  const now = new Date();
  // As the fleet table names it: the computer name, or whose it is while AWS has not named it yet.
  const shortName = ws.computerName ?? `${ws.ownerName ?? ws.userName}'s WorkSpace`;
  const bundleName = bundleNameLabel(ws.bundleName);
  const name = workspaceDisplayName({ ...ws, computerName: shortName, bundleName });
  const migrationTargets = catalog.bundles
    .filter((b) => b.id !== ws.bundleId)
    .map((b) => ({ id: b.id, name: bundleNameLabel(b.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/fleet" className="text-brand-700 underline">
          Fleet
        </Link>{" "}
        <span aria-hidden>/</span> {shortName}
      </nav>
      <PageHeader
        title={name}
        description={
          ws.ownerName
            ? `${ws.ownerName}'s WorkSpace in ${ws.directoryName}, ${ws.region}`
            : `A WorkSpace in ${ws.directoryName}, ${ws.region}, not linked to a portal user`
        }
        actions={<StateBadge state={ws.state} label={ws.stateLabel} tone={ws.stateTone} />}
      />
      <p className="-mt-2 mb-4">
        <RawId value={ws.id} label="WorkSpace id" />
      </p>
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="facts-heading" className={cardClass}>
          <h2 id="facts-heading" className={sectionHeading}>
            Facts
          </h2>
          <DefinitionList
            items={[
              ["State", ws.stateLabel],
              [
                "Owner",
                extras.owner ? (
                  <Link href={`/admin/users/${extras.owner.id}`} className="text-brand-700 underline">
                    {extras.owner.name}
                  </Link>
                ) : (
                  "No portal user"
                ),
              ],
              ["User name", ws.userName],
              ["Computer name", ws.computerName ?? "Not named yet"],
              [
                "Directory",
                <>
                  {ws.directoryName} ({directoryTypeLabel(ws.directoryType)}) <RawId value={ws.directoryId} label="directory id" />
                </>,
              ],
              [
                "Bundle",
                <>
                  {bundleName} <RawId value={ws.bundleId} label="bundle id" />
                </>,
              ],
              ["Compute", computeTypeLabel(ws.computeType)],
              ["Operating system", operatingSystemLabel(ws.operatingSystem)],
              ["Protocol", extras.protocols.length ? extras.protocols.map(protocolLabel).join(", ") : "—"],
              ["Running mode", runningModeText(ws)],
              ["Volumes", `Root ${gb(ws.rootVolumeGb)} · User ${gb(ws.userVolumeGb)}`],
              ["Encryption", encryptionSentence({ ...ws, volumeEncryptionKey })],
              ["AWS account", accountName],
              ["Region", ws.region],
              ["IP address", ws.ipAddress ?? "Not assigned yet"],
              ["Cost centre", ws.costCenter ?? "Untagged"],
              ["Estimated cost", monthlyCostText(ws)],
              ["Last connection", lastConnectionText(ws, now)],
              ["In the inventory since", utc(extras.firstSeenAt)],
              ["Last refreshed from AWS", utc(extras.lastSyncedAt)],
            ]}
          />
        </section>
        <section aria-labelledby="admin-actions-heading" className={cardClass}>
          <h2 id="admin-actions-heading" className={sectionHeading}>
            Fleet actions
          </h2>
          <p className="text-sm text-slate-700">Run at once through the fleet&apos;s executor, as a bulk operation of one.</p>
          <BulkPanel single={{ id: ws.id, name: shortName }} migrationTargets={migrationTargets} />
          <p className="mt-4 border-t border-slate-100 pt-3 text-sm">
            <Link href={`/admin/images/new?workspace=${ws.id}`} className="font-medium text-brand-700 underline">
              Create image from this WorkSpace
            </Link>{" "}
            <span className="text-slate-700">(shows first whether AWS can image it, and why not)</span>
          </p>
        </section>
      </div>

      <section aria-labelledby="request-actions-heading" className={`${cardClass} mt-6`}>
        <h2 id="request-actions-heading" className={sectionHeading}>
          Changes through a request
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          As on {ws.ownerName ? `${ws.ownerName}'s` : "the owner's"} own page: the approval policy applies, and the request is recorded as
          made by you.
        </p>
        <ActionList workspaceId={ws.id} availability={availability} selected={null} />
      </section>

      <section aria-labelledby="tags-heading" className={`${cardClass} mt-6`}>
        <h2 id="tags-heading" className={sectionHeading}>
          Tags
        </h2>
        {extras.tags.length === 0 ? (
          <p className="text-sm text-slate-700">No tags.</p>
        ) : (
          <table className="w-full max-w-2xl text-left text-sm">
            <caption className="sr-only">Tags of this WorkSpace</caption>
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Key
                </th>
                <th scope="col" className="py-1 font-medium">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {extras.tags.map((t) => (
                <tr key={t.key} className="border-t border-slate-100">
                  <td className="py-1 pr-4 break-all">{t.key}</td>
                  <td className="py-1 break-all">{t.value || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="history-heading" className="mt-6">
        <h2 id="history-heading" className={sectionHeading}>
          Requests and fleet operations
        </h2>
        <WorkspaceHistory
          history={history}
          fleetChanges={fleetChanges}
          describe={describe}
          now={now}
          emptyTitle="No requests or fleet operations yet"
          emptyText="Requests for this WorkSpace and fleet operations on it appear here."
          fleetHeading="Fleet operations"
        />
      </section>

      <section aria-labelledby="audit-heading" className="mt-6">
        <h2 id="audit-heading" className={sectionHeading}>
          Audit trail
        </h2>
        {auditRows.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing recorded about this WorkSpace yet.</p>
        ) : (
          <AuditTable rows={auditRows} names={names} />
        )}
      </section>
    </>
  );
}
