import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DirectoryAlias } from "@/components/admin/aliases/directory-alias";
import { DirectoryOverview, directoryKind } from "@/components/admin/directory-card";
import { DirectoryCreationForm } from "@/components/admin/directory-creation";
import { DirectoryIpGroups } from "@/components/admin/directory-ip-groups";
import { DirectoryPasswordHelp } from "@/components/admin/directory-password-help";
import { DirectoryDeregister } from "@/components/admin/directory-deregister";
import { DirectoryRequesters } from "@/components/admin/directory-requesters";
import { DirectorySettingsForm } from "@/components/admin/directory-toggles";
import { DirectorySection } from "@/components/admin/directory-action";
import { RadiusSection } from "@/components/admin/radius-section";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { hasRole } from "@/lib/auth/roles";
import { getCurrentUser, requireRole } from "@/lib/auth/session";
import { portalResetsPassword } from "@/lib/domain/client";
import { directoryConnectionAlias } from "@/lib/queries/admin-aliases";
import { getDirectory } from "@/lib/queries/admin-directories";

export const dynamic = "force-dynamic";

// The title and the page read the same item once per request.
const load = cache(getDirectory);

const DIRECTORY_ID = /^d-[0-9a-f]{8,63}$/;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  // Only an admin's tab is titled with the item's name; anyone else gets the 403 page.
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, "ADMIN")) return { title: "Directory" };
  if (!DIRECTORY_ID.test(id)) return { title: "Directory" };
  const page = await load(id).catch(() => null);
  return { title: page ? `${page.directory.name} · Directories` : "Directory" };
}

const SECTIONS = [
  ["settings", "What users may do"],
  ["creation-properties", "Creation properties"],
  ["ip-groups", "IP access control groups"],
  ["requesters", "Who may request"],
  ["mfa", "MFA (RADIUS)"],
  ["password-reset", "Password reset"],
  ["deregister", "Deregister"],
] as const;

export default async function DirectoryPage({ params, searchParams }: Props) {
  await requireRole("ADMIN");
  const { id } = await params;
  if (!DIRECTORY_ID.test(id)) notFound();
  const page = await load(id);
  if (!page) notFound();
  const { directory: d, personas, groups } = page;
  const justRegistered = (await searchParams).registered === "1";
  const ref = { region: d.region, directoryId: d.directoryId };
  const alias = await directoryConnectionAlias(d.region, d.directoryId);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/directories" className="text-brand-700 underline">
          All directories
        </Link>
      </p>
      <PageHeader title={d.name} description={`${directoryKind(d)} in ${d.region}`} />
      <p className="-mt-4 mb-4">
        <RawId value={d.directoryId} label="directory id" />
      </p>
      {justRegistered && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800">
          Registered {d.name} with WorkSpaces. Choose who may request WorkSpaces in it below.
        </p>
      )}
      <nav aria-label="On this page" className="mb-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map(([anchor, label]) => (
            <li key={anchor}>
              <a href={`#${anchor}`} className="text-brand-700 underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="grid gap-4">
        <DirectoryOverview directory={d} />
        <DirectoryAlias alias={alias} />
        <DirectorySettingsForm
          {...ref}
          values={{
            selfservice: d.selfservicePermissions as Record<string, string>,
            access: d.accessProperties as Record<string, string>,
            client: d.clientProperties as Record<string, string>,
          }}
        />
        <div className="grid gap-4 lg:grid-cols-2">
          <DirectoryCreationForm {...ref} current={d.creationProperties} />
          <DirectoryIpGroups {...ref} associated={d.ipGroups} others={d.otherIpGroups} />
        </div>
        <DirectoryRequesters directoryId={d.directoryId} current={d.requesters} personas={personas} groups={groups} />
        <RadiusSection {...ref} directoryType={d.dsType} radius={d.radius} personas={d.requesters.personas} />
        <DirectorySection
          id="password-reset"
          title="Password reset"
          hint={
            portalResetsPassword(d.type)
              ? "The portal resets passwords in this directory itself; these instructions are kept for when it cannot."
              : "The portal cannot reset passwords in this directory: its people read these instructions instead."
          }
        >
          <DirectoryPasswordHelp directoryId={d.directoryId} />
        </DirectorySection>
        <section aria-labelledby="deregister" className="scroll-mt-4 rounded-lg border border-red-200 bg-white p-4 shadow-sm sm:p-5">
          <h2 id="deregister" className="text-lg font-medium text-brand-900">
            Deregister
          </h2>
          <p className="mt-0.5 mb-3 text-sm text-slate-600">
            Removes the directory from WorkSpaces. Refused while WorkSpaces still use it; the directory itself stays in Directory Service.
          </p>
          <DirectoryDeregister {...ref} name={d.name} />
        </section>
      </div>
    </>
  );
}
