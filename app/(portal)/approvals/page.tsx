import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requireRole("MANAGER");
  return (
    <>
      <PageHeader title="Approvals" description="Requests waiting for your decision." />
      <EmptyState title="Nothing is waiting for you" />
    </>
  );
}
