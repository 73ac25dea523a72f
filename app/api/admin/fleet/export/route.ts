import { adminRouteGuard } from "@/lib/auth/admin-route";
import { fleetCsvResponse } from "@/lib/queries/admin-fleet-csv";
import { parseFleetFilter } from "@/lib/schemas/admin-fleet-filter";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = await adminRouteGuard();
  if (refused) return refused;
  return fleetCsvResponse(parseFleetFilter(new URL(request.url).searchParams));
}
