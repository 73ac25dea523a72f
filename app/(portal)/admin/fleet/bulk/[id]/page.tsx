import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulkProgress } from "@/components/admin/bulk-progress";
import { ProgressBar } from "@/components/charts/progress-bar";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { getBulkOperation } from "@/lib/queries/admin-bulk";
import { bulkActionLabel } from "@/lib/presentation/describe";

export const metadata: Metadata = { title: "Bulk operation" };

export default async function BulkOperationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const found = await getBulkOperation((await params).id);
  if (!found) notFound();
  const { op, items, counts } = found;
  const startedAt = op.createdAt.toISOString().replace("T", " ").slice(0, 19);
  return (
    <>
      <PageHeader
        title={`${bulkActionLabel(op.action, op.params)}: ${items.length} WorkSpace${items.length === 1 ? "" : "s"}`}
        description={`Started by ${op.createdBy} at ${startedAt} UTC. Runs in batches of 25 through the executor.`}
        actions={
          <Link href="/admin/fleet" className="text-sm text-brand-700 underline">
            Back to the fleet
          </Link>
        }
      />
      <ProgressBar
        label={`${bulkActionLabel(op.action, op.params)} progress`}
        counts={{ done: counts.DONE, failed: counts.FAILED, pending: counts.PENDING }}
      />
      <BulkProgress
        operationId={op.id}
        counts={counts}
        items={items.map((i) => ({
          workspaceId: i.workspaceId,
          name: i.name,
          region: i.region,
          status: i.status,
          reason: i.reason,
          code: i.code,
          awsRequestId: i.awsRequestId,
          attempts: i.attempts,
        }))}
      />
    </>
  );
}
