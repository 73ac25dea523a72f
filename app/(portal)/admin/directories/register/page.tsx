import type { Metadata } from "next";
import Link from "next/link";
import { DirectoryRegisterForm } from "@/components/admin/directory-register";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { directoryTypeLabel } from "@/lib/presentation/labels";
import { listDirectories } from "@/lib/queries/admin-directories";

export const metadata: Metadata = { title: "Register a directory" };
export const dynamic = "force-dynamic";

export default async function RegisterDirectoryPage() {
  await requireRole("ADMIN");
  const { unregistered, errors } = await listDirectories();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/directories" className="text-brand-700 underline">
          All directories
        </Link>
      </p>
      <PageHeader
        title="Register a directory"
        description={
          "Registering a Directory Service directory with WorkSpaces lets people launch WorkSpaces in it. " +
          "Choose two subnets in different Availability Zones."
        }
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <DirectoryRegisterForm candidates={unregistered.map(({ type, ...c }) => ({ ...c, typeLabel: directoryTypeLabel(type) }))} />
      </div>
    </>
  );
}
