import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { IpGroupDelete, IpGroupDirectories, IpGroupRulesForm } from "@/components/admin/ip-group-card";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { hasRole } from "@/lib/auth/roles";
import { getCurrentUser, requireRole } from "@/lib/auth/session";
import { getIpGroup } from "@/lib/queries/admin-ip-groups";
import { resourceTags } from "@/lib/queries/tags";
import { ResourceTags } from "@/components/tags/resource-tags";

export const dynamic = "force-dynamic";

// The title and the page read the same item once per request.
const load = cache(getIpGroup);

const GROUP_ID = /^wsipg-[0-9a-z]{8,63}$/;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  // Only an admin's tab is titled with the item's name; anyone else gets the 403 page.
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, "ADMIN")) return { title: "IP group" };
  if (!GROUP_ID.test(id)) return { title: "IP group" };
  const page = await load(id).catch(() => null);
  return { title: page ? `${page.group.name} · IP access control groups` : "IP group" };
}

export default async function IpGroupPage({ params, searchParams }: Props) {
  await requireRole("ADMIN");
  const { id } = await params;
  if (!GROUP_ID.test(id)) notFound();
  const page = await load(id);
  if (!page) notFound();
  const { group, candidates } = page;
  const justCreated = (await searchParams).created === "1";
  const tags = await resourceTags(group.region, group.groupId);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/ip-groups" className="text-brand-700 underline">
          All IP groups
        </Link>
      </p>
      <PageHeader
        title={group.name}
        description={[group.description, `IP access control group in ${group.region}`].filter(Boolean).join(" · ")}
      />
      <p className="-mt-4 mb-4">
        <RawId value={group.groupId} label="IP group id" />
      </p>
      {justCreated && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800">
          Created {group.name}. Associate it with a directory below for its rules to apply.
        </p>
      )}
      <div className="grid gap-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <IpGroupRulesForm group={group} />
          <IpGroupDirectories group={group} candidates={candidates} />
        </div>
        <ResourceTags region={group.region} resourceId={group.groupId} what="IP group" tags={tags.tags} readError={tags.error} />
        <IpGroupDelete group={group} />
      </div>
    </>
  );
}
