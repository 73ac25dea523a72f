import { adminRouteGuard } from "@/lib/auth/admin-route";
import { auditCsvResponse } from "@/lib/queries/admin-audit";
import { readAuditFilter } from "@/lib/schemas/admin-audit";
import { screenSearchParams } from "@/lib/schemas/text";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = await adminRouteGuard();
  if (refused) return refused;
  // Checked before the CSV starts streaming: once the 200 has gone out, a failure can only cut the file short.
  const screened = screenSearchParams(new URL(request.url).searchParams);
  if (!screened.ok)
    return new Response(screened.error, { status: screened.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  const read = readAuditFilter(screened.value);
  if (!read.ok) return new Response(read.error, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return auditCsvResponse(read.filter);
}
