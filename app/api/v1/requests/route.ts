import { createRequestRoute, listRequestsRoute } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

export const GET = listRequestsRoute;
export const POST = createRequestRoute;
