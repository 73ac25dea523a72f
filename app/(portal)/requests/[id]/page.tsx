import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { RawId } from "@/components/ui/raw-id";
import { CancelRequestButton } from "@/components/requests/cancel-button";
import { Timeline } from "@/components/requests/timeline";
import { Alert } from "@/components/ui/alert";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { DefinitionList } from "@/components/ui/definition-list";
import { PageHeader } from "@/components/ui/page-header";
import { requestOriginLabel } from "@/lib/presentation/origin";
import { RequestStatusBadge } from "@/components/ui/request-status";
import { cardClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/session";
import { monthlyAndAnnual } from "@/lib/presentation/format";
import { isOpenRequest } from "@/lib/presentation/status";
import { buildTimeline } from "@/lib/presentation/timeline";
import { getRequestForViewer } from "@/lib/queries/requests";
import { MAINTENANCE_HOLD_MESSAGE } from "@/lib/domain/maintenance";

// The page and its <title> read the same request once per render.
const requestFor = cache(async (id: string) => getRequestForViewer(await requireUser(), decodeURIComponent(id)));

/** The browser tab names the request as its heading does. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = await requestFor((await params).id);
  return { title: found?.what ?? "Request" };
}

const WAITING: Record<string, string> = {
  PENDING_APPROVAL: "Waiting for approval…",
  APPROVED: "Waiting to start…",
  EXECUTING: "Being carried out…",
};

export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const found = await requestFor(id);
  if (!found) notFound();
  const { request, events, what, workspace, isRequester, mine, waitsForMaintenance } = found;
  const cost = monthlyAndAnnual(request.costDeltaCents);
  const steps = buildTimeline({
    status: request.status,
    failureReason: request.failureReason,
    resultWorkspaceName: request.resultWorkspaceId && workspace ? workspace.name : null,
    events,
    decisions: request.decisions.map((d) => ({
      at: d.createdAt,
      decision: d.decision,
      approverName: d.approver.name,
      comment: d.comment,
      channel: d.channel,
      onBehalfOf: Boolean(d.onBehalfOfId),
    })),
  });
  const rejection = request.decisions.find((d) => d.decision === "REJECTED");
  const forWhom = request.beneficiary.id !== request.requester.id ? ` for ${request.beneficiary.name}` : "";
  const origin = requestOriginLabel(request.origin);
  return (
    <>
      <Breadcrumbs
        trail={[mine ? { label: "My requests", href: "/requests" } : { label: "Approvals", href: "/approvals" }]}
        current={what}
      />
      <PageHeader
        title={what}
        description={`Requested by ${request.requester.name}${forWhom}${origin ? ` · ${origin}` : ""}`}
        actions={
          <span aria-live="polite" data-testid="request-status">
            <RequestStatusBadge status={request.status} />
          </span>
        }
      />
      <AutoRefresh active={isOpenRequest(request.status)} intervalMs={3000} />
      {submitted && isOpenRequest(request.status) && (
        <div className="mb-4">
          <Alert tone="success" role="status" title="Your request was submitted.">
            {request.approvalReason}
          </Alert>
        </div>
      )}
      {waitsForMaintenance && (
        <div className="mb-4">
          <Alert tone="warning" role="status" title="Waiting for maintenance to end">
            {MAINTENANCE_HOLD_MESSAGE}
          </Alert>
        </div>
      )}
      {request.status === "REJECTED" && rejection && (
        <div className="mb-4">
          <Alert tone="error" role="status" title={`Rejected by ${rejection.approver.name}`}>
            {rejection.comment}
          </Alert>
        </div>
      )}
      {request.status === "FAILED" && request.failureReason && (
        <div className="mb-4">
          <Alert tone="error" role="status" title="The change could not be made">
            {request.failureReason}
          </Alert>
        </div>
      )}
      {request.status === "EXPIRED" && (
        <div className="mb-4">
          <Alert tone="warning" role="status" title="This request expired">
            Nobody decided it in time. Submit it again if you still need it.
          </Alert>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="timeline-heading" className={cardClass}>
          <h2 id="timeline-heading" className="mb-4 text-lg font-semibold text-brand-900">
            Timeline
          </h2>
          <Timeline steps={steps} pendingNote={WAITING[request.status] ?? null} />
        </section>
        <section aria-labelledby="facts-heading" className={cardClass}>
          <h2 id="facts-heading" className="mb-3 text-lg font-semibold text-brand-900">
            Details
          </h2>
          <DefinitionList
            items={[
              ["Status", <RequestStatusBadge key="s" status={request.status} />],
              ["Monthly cost", cost ? cost.monthly : "Could not be estimated"],
              ["Annual cost", cost ? cost.annual : "—"],
              ["Approval", request.approvalReason],
              [
                "Justification",
                <span key="j" className="whitespace-pre-line">
                  {request.justification}
                </span>,
              ],
              ["Region", request.region],
              ...(workspace
                ? ([
                    [
                      "WorkSpace",
                      <span key="w" className="flex flex-col items-start gap-0.5">
                        <Link href={`/workspaces/${encodeURIComponent(workspace.id)}`} className="text-brand-600 underline">
                          {workspace.name}
                        </Link>
                        <RawId value={workspace.id} label="WorkSpace id" />
                      </span>,
                    ],
                  ] as [string, React.ReactNode][])
                : []),
            ]}
          />
          {isRequester && request.status === "PENDING_APPROVAL" && (
            <div className="mt-4">
              <CancelRequestButton requestId={request.id} />
            </div>
          )}
        </section>
      </div>
    </>
  );
}
