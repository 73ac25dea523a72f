import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RequestWorkspaceForm } from "@/components/workspaces/request-workspace-form";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { newWorkspaceOptions } from "@/lib/queries/new-workspace";

export const metadata: Metadata = { title: "Create a WorkSpace for a user" };

export default async function NewWorkspaceOnBehalfPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const user = await db().user.findUnique({ where: { id: (await params).id }, select: { id: true, email: true, name: true, role: true } });
  if (!user) notFound();
  // The beneficiary's own offering: what their persona and groups may have, exactly as their own form shows it.
  const options = await newWorkspaceOptions(user, { forName: user.name });
  const back = (
    <Link href={`/admin/users/${user.id}`} className="text-sm text-brand-700 underline">
      Back to {user.name}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={`Create a WorkSpace for ${user.name}`}
        description="Created at once, without manager approval; every other rule of a normal request applies."
        actions={back}
      />
      {!options.directoryUserName || options.directories.length === 0 ? (
        <EmptyState title="Nothing can be created for this user">
          {options.directoryUserName
            ? `No directory is offered to ${user.name}'s persona or groups; change that under Policies or Directories.`
            : `${user.name} has no directory user name yet; set it first.`}
        </EmptyState>
      ) : (
        <RequestWorkspaceForm
          beneficiary={{ id: user.id, name: user.name }}
          ownerUserName={options.directoryUserName}
          costCenter={options.costCenter}
          directories={options.directories}
          directoryStatus={options.directoryStatus}
          defaultDirectoryId={options.defaultDirectoryId}
          curves={options.curves}
          bundleText={options.bundleText}
          bundles={options.bundles}
          expectedAutoStopHours={options.expectedAutoStopHours}
          requiredTagKeys={options.requiredTagKeys}
        />
      )}
    </>
  );
}
