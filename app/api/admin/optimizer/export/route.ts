import { adminRouteGuard } from "@/lib/auth/admin-route";
import { optimizerCsvResponse } from "@/lib/queries/optimizer";
import { parseOptimizerFilter } from "@/lib/schemas/optimizer";
import { screenSearchParams } from "@/lib/schemas/text";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = await adminRouteGuard();
  if (refused) return refused;
  const screened = screenSearchParams(new URL(request.url).searchParams);
  if (!screened.ok)
    return new Response(screened.error, { status: screened.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  return optimizerCsvResponse(parseOptimizerFilter(screened.value));
}
