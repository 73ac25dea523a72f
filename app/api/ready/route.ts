import { readinessResponse } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

// Readiness for load balancers and Kubernetes: 200 when this process may be sent work (database up, every
// migration applied, the AWS endpoint reachable for roles with an executor), 503 naming what is not, and
// 503 while it drains after SIGTERM. Public like /api/health: it names checks, never data.
export async function GET() {
  return readinessResponse();
}
