import type { Metadata } from "next";
import Link from "next/link";
import { CreateImageForm } from "@/components/admin/image-admin";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { cardClass } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { workspaceStateLabel } from "@/lib/presentation/labels";
import { findWorkspacesToImage, imagingAssessment } from "@/lib/queries/admin-images";

export const metadata: Metadata = { title: "Create image · Images" };
export const dynamic = "force-dynamic";

const heading = "mb-2 text-lg font-medium text-brand-900";

/** "Create image from a WorkSpace": pick the WorkSpace, see whether AWS will image it and why not, then name the image. */
export default async function NewImagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const params = await searchParams;
  const workspaceId = typeof params.workspace === "string" ? params.workspace.slice(0, 80) : undefined;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const [subject, matches] = await Promise.all([
    workspaceId ? imagingAssessment(workspaceId) : Promise.resolve(null),
    q ? findWorkspacesToImage(q) : Promise.resolve([]),
  ]);
  const wsName = subject ? (subject.computerName ?? `${subject.ownerName ?? subject.userName}'s WorkSpace`) : "";
  const allowed = subject ? subject.checks.every((c) => c.ok) : false;
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Images", href: "/admin/images" }]} current="Create image" />
      <PageHeader
        title="Create image from a WorkSpace"
        description={
          "Customise one WorkSpace with the applications and settings everyone should get, " +
          "then capture it as an image and build a custom bundle on it."
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          <section aria-labelledby="pick-heading" className={cardClass}>
            <h2 id="pick-heading" className={heading}>
              WorkSpace
            </h2>
            {subject && (
              <p className="mb-3 text-sm">
                <Link href={`/admin/fleet/${subject.workspaceId}`} className="font-medium text-brand-700 underline">
                  {wsName}
                </Link>{" "}
                ({subject.userName}, {subject.region}, {workspaceStateLabel(subject.candidate.state)}){" "}
                <RawId value={subject.workspaceId} label="WorkSpace id" />
              </p>
            )}
            {workspaceId && !subject && (
              <p role="alert" className="mb-3 text-sm text-red-700">
                That WorkSpace is not in the inventory. Search for another one.
              </p>
            )}
            <form method="get" role="search" aria-label="Find a WorkSpace" className="flex flex-wrap items-end gap-2 text-sm">
              <label className="min-w-0 grow">
                <span className="block text-slate-700">{subject ? "Choose another WorkSpace" : "Find the WorkSpace"}</span>
                <input
                  type="search"
                  name="q"
                  defaultValue={q}
                  placeholder="User name, computer name or WorkSpace id"
                  className="w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
                Search
              </button>
            </form>
            {q && (
              <ul className="mt-3 divide-y divide-slate-100 text-sm" aria-label="Matching WorkSpaces">
                {matches.length === 0 && <li className="py-1 text-slate-700">No WorkSpace matches “{q}”.</li>}
                {matches.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-1">
                    <span>
                      {m.computerName ?? `${m.ownerName ?? m.userName}'s WorkSpace`} · {m.userName} · {m.region} ·{" "}
                      {workspaceStateLabel(m.state)}
                    </span>
                    <Link href={`/admin/images/new?workspace=${m.id}`} className="text-brand-700 underline">
                      Image {m.computerName ?? `${m.userName}'s WorkSpace`}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {subject && (
            <section aria-labelledby="checks-heading" className={cardClass}>
              <h2 id="checks-heading" className={heading}>
                Before AWS makes the image
              </h2>
              <ul className="space-y-2 text-sm">
                {subject.checks.map((c) => (
                  <li key={c.id} data-check={c.id} data-ok={c.ok} className="flex gap-2">
                    <span aria-hidden className={c.ok ? "text-emerald-700" : "text-red-700"}>
                      {c.ok ? "✓" : "✗"}
                    </span>
                    <span>
                      <span className="font-medium">
                        {c.label}: {c.ok ? "yes" : "no"}.
                      </span>{" "}
                      {c.explanation}
                    </span>
                  </li>
                ))}
              </ul>
              <p className={`mt-3 text-sm font-medium ${allowed ? "text-emerald-800" : "text-red-700"}`}>
                {allowed ? "AWS can image this WorkSpace." : "This WorkSpace cannot be imaged now."}
              </p>
            </section>
          )}
          {subject && (
            <section className={cardClass}>
              <CreateImageForm workspaceId={subject.workspaceId} suggestedName={`golden-${stamp}`} allowed={allowed} />
            </section>
          )}
        </div>
        <aside aria-labelledby="guidance-heading" className={`${cardClass} text-sm`}>
          <h2 id="guidance-heading" className={heading}>
            Good practice
          </h2>
          <ul className="list-disc space-y-2 pl-5 text-slate-700">
            <li>
              Images can be made of Windows and Amazon Linux WorkSpaces. Every requirement must hold before AWS starts; it checks them again
              itself.
            </li>
            <li>
              On Windows, run Amazon&rsquo;s Image Checker on the WorkSpace first and fix every failure and warning it reports, until it
              says the validation succeeded.
            </li>
            <li>Encrypted WorkSpaces cannot be imaged: customise an unencrypted one.</li>
            <li>
              Keep the root volume lean: only the operating system, its updates and the core applications; users&rsquo; data belongs on the
              user volume.
            </li>
            <li>The WorkSpace is suspended while AWS makes the image (up to about 45 minutes); its user cannot connect meanwhile.</li>
          </ul>
        </aside>
      </div>
    </>
  );
}
