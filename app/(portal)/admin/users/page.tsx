import type { Metadata } from "next";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/queries/admin-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requireRole("ADMIN");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="People, their roles and managers. Open a person to change their role or manager and see their WorkSpaces and requests."
      />
      <UsersTable users={users} />
    </>
  );
}
