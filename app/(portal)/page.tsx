import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My WorkSpaces" };

export default async function MyWorkspacesPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="My WorkSpaces" description={`Signed in as ${user.email}`} />
      <EmptyState title="Your WorkSpaces will be listed here">
        Each one with its state, bundle, running mode and monthly cost.
      </EmptyState>
    </>
  );
}
