import type { Metadata } from "next";
import Link from "next/link";
import { IpGroupCreateForm } from "@/components/admin/ip-group-create";
import { PageHeader } from "@/components/ui/page-header";
import { getAwsGateway } from "@/lib/aws";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an IP group" };
export const dynamic = "force-dynamic";

export default async function NewIpGroupPage() {
  await requireRole("ADMIN");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/ip-groups" className="text-brand-700 underline">
          All IP groups
        </Link>
      </p>
      <PageHeader
        title="Create an IP group"
        description={
          "A group lists the networks WorkSpaces accept connections from: up to 10 rules, each an IPv4 address or CIDR range " +
          "with a description. Associate it with directories on its page once created."
        }
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <IpGroupCreateForm regions={[...getAwsGateway().regions]} />
      </div>
    </>
  );
}
