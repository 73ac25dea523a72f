import { adminRouteGuard } from "@/lib/auth/admin-route";
import { fleetCsvResponse } from "@/lib/queries/admin-fleet-csv";
import { parseFleetFilter } from "@/lib/schemas/admin-fleet-filter";
import { screenSearchParams } from "@/lib/schemas/text";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = await adminRouteGuard();
  if (refused) return refused;
  // Checked before the CSV starts streaming: once the 200 has gone out, a failure can only cut the file short.
  const screened = screenSearchParams(new URL(request.url).searchParams);
  if (!screened.ok)
    return new Response(screened.error, { status: screened.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  return fleetCsvResponse(parseFleetFilter(screened.value));
}
