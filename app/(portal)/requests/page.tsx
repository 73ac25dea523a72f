import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="My requests" description="Everything you asked for, with its approval and progress." />
      <EmptyState title="No requests yet" />
    </>
  );
}
