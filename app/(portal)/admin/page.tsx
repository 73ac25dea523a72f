import type { Metadata } from "next";
import Link from "next/link";
import { ADMIN_AREAS } from "@/components/admin/areas";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole("ADMIN");
  return (
    <>
      <PageHeader
        title="Admin"
        description="Run the catalog, directories, fleet, policies and audit log. Admin changes need no approval, but each is audited."
      />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {ADMIN_AREAS.map((area) => (
          <li key={area.href} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-medium text-brand-900">
              <Link href={area.href} className="underline-offset-2 hover:underline">
                {area.label} <span className="sr-only">area</span>
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{area.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
