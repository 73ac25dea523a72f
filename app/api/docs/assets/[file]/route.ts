import { docsAssetResponse } from "@/lib/api/docs";

// Swagger UI's script and style sheet, served from the pinned swagger-ui-dist package.
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  return docsAssetResponse((await context.params).file);
}
