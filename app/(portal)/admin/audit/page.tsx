import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listAudit } from "@/lib/queries/admin-audit";
import { parseAuditFilter } from "@/lib/schemas/admin-audit";

export const metadata: Metadata = { title: "Audit log" };

const field = "w-44 rounded border border-slate-300 px-2 py-1";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const filter = parseAuditFilter(await searchParams);
  const { rows, nextBefore, names } = await listAudit(filter);
  const { before: _before, ...onlyFilter } = filter;
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(Object.fromEntries(Object.entries(onlyFilter).filter(([, v]) => v)) as Record<string, string>),
      ...extra,
    }).toString();
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          "Every request, decision, admin change and AWS call, newest first. Open an event to see what it changed. " +
          "The log is append-only: nobody can edit or delete it."
        }
        actions={
          <a
            href={`/api/admin/audit/export?${qs({})}`}
            download
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100"
          >
            Export CSV
          </a>
        }
      />
      <form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      >
        <label>
          <span className="block text-slate-600">Actor</span>
          <input name="actor" defaultValue={filter.actor} placeholder="name or id" className={field} />
        </label>
        <label>
          <span className="block text-slate-600">Target</span>
          <input name="target" defaultValue={filter.target} placeholder="id, type or request" className={field} />
        </label>
        <label>
          <span className="block text-slate-600">Action</span>
          <input name="action" defaultValue={filter.action} placeholder="e.g. ipgroup." className={field} />
        </label>
        <label>
          <span className="block text-slate-600">From</span>
          <input type="date" name="from" defaultValue={filter.from} className={field} />
        </label>
        <label>
          <span className="block text-slate-600">To</span>
          <input type="date" name="to" defaultValue={filter.to} className={field} />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white">
          Apply filters
        </button>
        <a href="/admin/audit" className="text-brand-700 underline">
          Clear
        </a>
      </form>
      <AuditTable rows={rows} names={names} />
      {nextBefore && (
        <p className="mt-3 text-sm">
          <Link href={`/admin/audit?${qs({ before: nextBefore })}`} className="text-brand-700 underline">
            Older events
          </Link>
        </p>
      )}
    </>
  );
}
