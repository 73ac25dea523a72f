import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole("ADMIN");
  return <PageHeader title="Admin" description="Run the catalog, directories, fleet, policies and audit log." />;
}
