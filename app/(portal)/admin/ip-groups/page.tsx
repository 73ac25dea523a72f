import type { Metadata } from "next";
import { IpGroupCard } from "@/components/admin/ip-group-card";
import { IpGroupCreateForm } from "@/components/admin/ip-group-create";
import { IpGroupTable } from "@/components/admin/ip-group-table";
import { PageHeader } from "@/components/ui/page-header";
import { getAwsGateway } from "@/lib/aws";
import { requireRole } from "@/lib/auth/session";
import { listIpGroups } from "@/lib/queries/admin-ip-groups";

export const metadata: Metadata = { title: "IP access control groups" };
export const dynamic = "force-dynamic";

export default async function IpGroupsPage() {
  await requireRole("ADMIN");
  const { groups, directories, errors } = await listIpGroups();
  return (
    <>
      <PageHeader
        title="IP access control groups"
        description="Trusted networks WorkSpaces accept connections from. At most 10 rules per group and 25 groups per directory."
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <IpGroupCreateForm regions={[...getAwsGateway().regions]} />
      <h2 className="mb-2 text-lg font-medium text-brand-900">Groups</h2>
      <IpGroupTable groups={groups} />
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {groups.map((g) => (
          <IpGroupCard key={`${g.region}/${g.groupId}/${g.rules.map((r) => r.cidr).join()}`} group={g} directories={directories} />
        ))}
      </div>
    </>
  );
}
