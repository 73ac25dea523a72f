import type { Metadata } from "next";
import { AliasCreateForm } from "@/components/admin/aliases/alias-create";
import { AliasGuidance } from "@/components/admin/aliases/alias-guidance";
import { AliasTable } from "@/components/admin/aliases/alias-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listConnectionAliases } from "@/lib/queries/admin-aliases";

export const metadata: Metadata = { title: "Connection aliases" };
export const dynamic = "force-dynamic";

export default async function AliasesPage() {
  await requireRole("ADMIN");
  const { pairs, regions, errors } = await listConnectionAliases();
  return (
    <>
      <PageHeader
        title="Connection aliases"
        description={
          "Cross-Region redirection: one name people type into the WorkSpaces client, created in two Regions and associated with a " +
          "directory in each, so they can be sent to the second Region when the first one fails."
        }
      />
      {errors.map((e) => (
        <p key={e} role="alert" className="mb-3 text-sm text-red-700">
          Could not read {e}
        </p>
      ))}
      <div className="grid gap-4">
        <AliasGuidance />
        <section aria-labelledby="aliases" className="grid gap-2">
          <h2 id="aliases" className="text-lg font-medium text-brand-900">
            Aliases
          </h2>
          <AliasTable pairs={pairs} />
        </section>
        <section aria-labelledby="create" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <h2 id="create" className="mb-3 text-lg font-medium text-brand-900">
            Create a connection alias
          </h2>
          <AliasCreateForm regions={regions} />
        </section>
      </div>
    </>
  );
}
