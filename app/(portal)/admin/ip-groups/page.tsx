import type { Metadata } from "next";
import Link from "next/link";
import { IpGroupTable } from "@/components/admin/ip-group-table";
import { PageHeader } from "@/components/ui/page-header";
import { primaryButton } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { listIpGroups } from "@/lib/queries/admin-ip-groups";

export const metadata: Metadata = { title: "IP access control groups" };
export const dynamic = "force-dynamic";

export default async function IpGroupsPage() {
  await requireRole("ADMIN");
  const { groups, errors } = await listIpGroups();
  return (
    <>
      <PageHeader
        title="IP access control groups"
        description={
          "Trusted networks WorkSpaces accept connections from. At most 10 rules per group and 25 groups per directory. " +
          "Open a group to change its rules and directories."
        }
        actions={
          <Link href="/admin/ip-groups/new" className={primaryButton}>
            Create a group
          </Link>
        }
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <IpGroupTable groups={groups} />
    </>
  );
}
