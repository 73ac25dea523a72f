"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { retryBulkAction } from "@/lib/actions/admin-fleet";
import { ActionMessage, actionError } from "./action-message";
import { DataTable, type DataColumn } from "./data-table";

interface Item {
  workspaceId: string;
  /** The computer name, or whose WorkSpace it is. */
  name: string;
  code: string | null;
  region: string;
  status: "PENDING" | "DONE" | "FAILED";
  reason: string | null;
  awsRequestId: string | null;
  attempts: number;
}

const STATUS_WORDS = { PENDING: "Pending", DONE: "Done", FAILED: "Failed" } as const;

const columns: DataColumn<Item>[] = [
  {
    id: "workspaceId",
    header: "WorkSpace",
    sortValue: (i) => i.name,
    cell: (i) => (
      <>
        <Link href={`/admin/fleet/${i.workspaceId}`} prefetch={false} className="font-medium whitespace-nowrap text-brand-700 underline">
          {i.name}
        </Link>
        <br />
        <code data-raw-id className="text-xs text-slate-600 select-all">
          {i.workspaceId}
        </code>
      </>
    ),
  },
  { id: "region", header: "Region", sortValue: (i) => i.region, cell: (i) => <span className="whitespace-nowrap">{i.region}</span> },
  { id: "status", header: "Status", sortValue: (i) => i.status, cell: (i) => STATUS_WORDS[i.status] },
  { id: "reason", header: "Reason", sortValue: (i) => i.reason, cell: (i) => (i.reason ? `${i.reason} (${i.code})` : "—") },
  { id: "attempts", header: "Attempts", sortValue: (i) => i.attempts },
  {
    id: "awsRequestId",
    header: "AWS request id",
    sortValue: (i) => i.awsRequestId,
    cell: (i) =>
      i.awsRequestId ? (
        <code data-raw-id className="text-xs text-slate-600">
          {i.awsRequestId}
        </code>
      ) : (
        "—"
      ),
  },
];

export function BulkProgress({
  operationId,
  counts,
  items,
}: {
  operationId: string;
  counts: Record<Item["status"], number>;
  items: Item[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);

  // While items are pending, look again every second and a half; the executor writes each batch as it goes.
  useEffect(() => {
    if (counts.PENDING === 0) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [counts.PENDING, router]);

  const retry = () =>
    start(async () => {
      const out = await retryBulkAction({ operationId });
      setMessage(out.ok ? { ok: true, message: `Retrying ${out.data.retried} WorkSpaces.` } : { ok: false, message: actionError(out) });
      router.refresh();
    });

  return (
    <>
      <p role="status" className="mb-3 text-sm">
        <strong>{counts.DONE}</strong> done · <strong>{counts.FAILED}</strong> failed · <strong>{counts.PENDING}</strong> pending
      </p>
      {counts.FAILED > 0 && counts.PENDING === 0 && (
        <div className="mb-3">
          <button
            type="button"
            disabled={pending}
            onClick={retry}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            Retry failed items
          </button>
          <ActionMessage result={message} />
        </div>
      )}
      <DataTable label="Items" data={items} columns={columns} getRowId={(i) => i.workspaceId} />
    </>
  );
}
