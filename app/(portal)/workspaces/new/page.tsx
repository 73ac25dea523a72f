import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RequestWorkspaceForm } from "@/components/workspaces/request-workspace-form";
import { requireUser } from "@/lib/auth/session";
import { newWorkspaceOptions } from "@/lib/queries/new-workspace";

export const metadata: Metadata = { title: "Request a WorkSpace" };

export default async function NewWorkspacePage() {
  const user = await requireUser();
  const options = await newWorkspaceOptions(user);
  return (
    <>
      <PageHeader
        title="Request a WorkSpace"
        description="Choose where and what; the estimate and who needs to approve update as you go."
      />
      {options.directories.length === 0 || !options.directoryUserName ? (
        <EmptyState title="Nothing is offered to you yet">
          {options.directoryUserName ? "No directory is offered to your role. " : "Your account has no directory user name yet. "}
          Ask your IT department, then come back.{" "}
          <Link href="/" className="text-brand-600 underline">
            Back to My WorkSpaces
          </Link>
        </EmptyState>
      ) : (
        <RequestWorkspaceForm
          directories={options.directories}
          directoryStatus={options.directoryStatus}
          defaultDirectoryId={options.defaultDirectoryId}
          curves={options.curves}
          bundleText={options.bundleText}
          bundles={options.bundles}
          costCenter={options.costCenter}
          ownerUserName={options.directoryUserName}
          expectedAutoStopHours={options.expectedAutoStopHours}
          requiredTagKeys={options.requiredTagKeys}
        />
      )}
    </>
  );
}
