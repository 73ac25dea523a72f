import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { databaseKind, db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { mayReadHealthDetails } from "./details";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = getConfig();
  const started = performance.now();
  let database: { status: "ok" | "error"; kind: string; latencyMs?: number; error?: string };
  try {
    await db().$queryRaw`SELECT 1`;
    database = { status: "ok", kind: databaseKind(), latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    logger().error({ err: error }, "health check: database unreachable");
    database = { status: "error", kind: databaseKind(), error: "database unreachable" };
  }
  const status = database.status === "ok" ? "ok" : "degraded";
  const details = await mayReadHealthDetails(request, {
    detailsToken: config.health.detailsToken,
    isAdmin: async () => (await getCurrentUser())?.role === "ADMIN",
  });
  const body = details
    ? {
        status,
        database,
        aws: { mode: config.aws.mode, regions: config.aws.regions, endpoints: config.aws.endpoints },
        time: new Date().toISOString(),
      }
    : { status };
  return NextResponse.json(body, { status: database.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
