import type { ReactNode } from "react";
import { RequestTable } from "@/components/requests/request-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FleetChanges, type FleetChange } from "./fleet-changes";

interface HistoryRequest {
  id: string;
  change: unknown;
  status: string;
  createdAt: Date;
  requester: { name: string };
}

/**
 * A WorkSpace's requests and the fleet operations on it, as the owner's page and the admin's view both show
 * them; each page gives its own wording for the empty state and the fleet operations' heading.
 */
export function WorkspaceHistory({
  history,
  fleetChanges,
  describe,
  now,
  emptyTitle,
  emptyText,
  fleetHeading,
}: {
  history: HistoryRequest[];
  fleetChanges: FleetChange[];
  describe: (change: unknown) => string;
  now: Date;
  emptyTitle: string;
  emptyText: ReactNode;
  fleetHeading: string;
}) {
  if (history.length === 0 && fleetChanges.length === 0) return <EmptyState title={emptyTitle}>{emptyText}</EmptyState>;
  return (
    <div className="space-y-4">
      {history.length > 0 && (
        <RequestTable
          caption="Requests for this WorkSpace"
          now={now}
          items={history.map((r) => ({
            id: r.id,
            what: describe(r.change),
            status: r.status,
            createdAt: r.createdAt,
            who: r.requester.name,
          }))}
        />
      )}
      {fleetChanges.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{fleetHeading}</h3>
          <FleetChanges items={fleetChanges} now={now} />
        </div>
      )}
    </div>
  );
}
