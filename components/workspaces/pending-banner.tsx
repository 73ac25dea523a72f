import Link from "next/link";
import { CancelRequestButton } from "@/components/requests/cancel-button";
import type { Change } from "@/lib/domain/client";
import { bundleNameLabel, computeTypeLabel, runningModeWithTimeout } from "@/lib/presentation/labels";
import type { PendingRequest } from "@/lib/queries/workspace-pending";

/** The change in a few words, on the WorkSpace's own page (so without naming it): "Change to Performance". */
export function pendingChangeSummary(change: Change, bundleName?: string | null): string {
  switch (change.type) {
    case "computeType":
      return `Change to ${computeTypeLabel(change.computeType)}`;
    case "runningMode":
      return `Switch to ${runningModeWithTimeout(change.runningMode, change.autoStopTimeoutMinutes)}`;
    case "volumes":
      return change.rootVolumeGb !== undefined
        ? `Grow the root volume to ${change.rootVolumeGb} GB`
        : `Grow the user volume to ${change.userVolumeGb} GB`;
    case "migrate":
      return `Migrate to ${bundleName ? bundleNameLabel(bundleName) : "another bundle"}`;
    case "reboot":
      return "Restart";
    case "start":
      return "Start";
    case "stop":
      return "Stop";
    case "rebuild":
      return "Rebuild";
    case "restore":
      return "Restore to the last snapshot";
    case "terminate":
      return "Give back this WorkSpace";
    case "resetPassword":
      return "Reset the directory password";
    case "tags":
      return "Change the tags";
    case "encryption":
      return "Change the encryption";
    case "maintenance":
      return change.state === "ADMIN_MAINTENANCE" ? "Start maintenance" : "End maintenance";
    case "create":
      return "New WorkSpace";
  }
}

function where(request: PendingRequest): string {
  if (request.status === "PENDING_APPROVAL") return `waiting for ${request.waitingFor ?? "approval"}`;
  if (request.status === "APPROVED") return "approved, about to be applied";
  return "being applied now";
}

/**
 * One banner at the top of the WorkSpace page for its open request(s): what is asked, who it waits for, a link
 * to the request and, while it waits, a way to withdraw it. The actions it holds back are only disabled below.
 */
export function PendingBanner({ requests }: { requests: PendingRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <section
      role="status"
      aria-labelledby="pending-heading"
      data-testid="pending-banner"
      className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <h2 id="pending-heading" className="sr-only">
        {requests.length === 1 ? "Open request" : "Open requests"}
      </h2>
      <ul className="space-y-2">
        {requests.map((request) => (
          <li key={request.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span>
              <span className="font-semibold">{pendingChangeSummary(request.change, request.bundleName)}</span> — {where(request)}
            </span>
            <span aria-hidden>·</span>
            <Link href={`/requests/${request.id}`} className="font-medium text-brand-700 underline">
              View<span className="sr-only"> the request</span>
            </Link>
            {request.mayCancel && (
              <>
                <span aria-hidden>·</span>
                <CancelRequestButton requestId={request.id} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
