import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { logger } from "@/lib/logger";

// Auth.js answers some malformed requests (an undecodable callback URL, an unknown action) with its
// generic 500 "server configuration" error. The portal's configuration is validated at start-up, so here
// such an answer means the request was bad: the caller gets a plain 400, and the log keeps Auth.js's reason.
async function plainRefusal(request: NextRequest, response: Response): Promise<Response> {
  if (response.status < 500) return response;
  logger().warn({ path: new URL(request.url).pathname, status: response.status }, "sign-in endpoint refused a malformed request");
  return Response.json({ message: "This sign-in request is not valid. Go back to the sign-in page and try again." }, { status: 400 });
}

export async function GET(request: NextRequest): Promise<Response> {
  return plainRefusal(request, await handlers.GET(request));
}

export async function POST(request: NextRequest): Promise<Response> {
  return plainRefusal(request, await handlers.POST(request));
}
