import { AdminNav } from "@/components/admin/admin-nav";
import { requireRole } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole("ADMIN");
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
