import { adminRouteGuard } from "@/lib/auth/admin-route";
import { auditCsvResponse, parseAuditFilter } from "@/lib/queries/admin-audit";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = await adminRouteGuard();
  if (refused) return refused;
  return auditCsvResponse(parseAuditFilter(new URL(request.url).searchParams));
}
