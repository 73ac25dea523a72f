import type { Metadata } from "next";
import { DirectoryCard } from "@/components/admin/directory-card";
import { DirectoryRegisterForm } from "@/components/admin/directory-register";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listDirectories } from "@/lib/queries/admin-directories";

export const metadata: Metadata = { title: "Directories" };
export const dynamic = "force-dynamic";

export default async function DirectoriesPage() {
  await requireRole("ADMIN");
  const { directories, unregistered, personas, groups, errors } = await listDirectories();
  return (
    <>
      <PageHeader
        title="Directories"
        description={
          "Directories registered with WorkSpaces: their MFA status from Directory Service, their WorkSpaces settings, " +
          "and who may request WorkSpaces in each. Every change is made in AWS and audited."
        }
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <DirectoryRegisterForm candidates={unregistered} />
      {directories.length === 0 && (
        <p className="text-sm text-slate-600">No directory is registered with WorkSpaces in the managed Regions.</p>
      )}
      <div className="grid gap-4">
        {directories.map((d) => (
          <DirectoryCard key={`${d.region}/${d.directoryId}`} directory={d} personas={personas} groups={groups} />
        ))}
      </div>
    </>
  );
}
