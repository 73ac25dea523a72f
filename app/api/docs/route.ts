import { docsPageResponse } from "@/lib/api/docs";

// The API reference: Swagger UI rendering /api/v1/openapi.json. Open to anyone.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return docsPageResponse(request);
}
