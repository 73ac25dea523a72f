import { cancelRequestRoute } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

export const POST = cancelRequestRoute;
