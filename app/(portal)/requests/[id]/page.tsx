import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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

export const metadata: Metadata = { title: "Request" };

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
  const user = await requireUser();
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const found = await getRequestForViewer(user, decodeURIComponent(id));
  if (!found) notFound();
  const { request, events, what, isRequester } = found;
  const cost = monthlyAndAnnual(request.costDeltaCents);
  const steps = buildTimeline({
    status: request.status,
    failureReason: request.failureReason,
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
  const workspaceId = request.resultWorkspaceId ?? request.workspaceId;
  const forWhom = request.beneficiary.id !== request.requester.id ? ` for ${request.beneficiary.name}` : "";
  const origin = requestOriginLabel(request.origin);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/requests" className="text-brand-600 underline">
          My requests
        </Link>{" "}
        <span aria-hidden>/</span> {request.id}
      </nav>
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
              ...(workspaceId
                ? ([
                    [
                      "WorkSpace",
                      <Link key="w" href={`/workspaces/${workspaceId}`} className="text-brand-600 underline">
                        {workspaceId}
                      </Link>,
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
