import { getCurrentUser } from "@/lib/auth/session";
import { reportScopeFor } from "@/lib/domain/reports";
import { loadReports } from "@/lib/queries/reports";
import { REPORT_TABLE_IDS, reportTableCsv, reportTables, type ReportTableId } from "@/lib/queries/reports-tables";
import { parseReportFilter } from "@/lib/schemas/reports";
import { screenSearchParams } from "@/lib/schemas/text";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** One of the reports' tables as CSV, for the same people and the same filter as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ table: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("Sign in first.", 401);
  const scope = reportScopeFor(user);
  if (!scope) return text("You are not allowed to do this.", 403);
  const { table } = await params;
  if (!(REPORT_TABLE_IDS as readonly string[]).includes(table)) return text("There is no report table with that name.", 404);
  const screened = screenSearchParams(new URL(request.url).searchParams);
  if (!screened.ok) return text(screened.error, screened.status);
  const filter = parseReportFilter(screened.value);
  if (!filter.ok) return text(filter.error, 400);
  const data = await loadReports(scope, filter.value);
  const csv = reportTableCsv(reportTables(data)[table as ReportTableId]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${table}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
