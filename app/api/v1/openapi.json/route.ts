import { openApiResponse } from "@/lib/api/docs";

// The OpenAPI 3.1 document of /api/v1; open to anyone, like the reference page that renders it.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return openApiResponse(request);
}
