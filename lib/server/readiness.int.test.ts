import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsGateway } from "@/lib/aws/gateway";
import { installAwsGateway } from "@/lib/aws";
import { GET } from "@/app/api/ready/route";
import { createTestWorld, REGIONS, type TestWorld } from "@/test/world";
import { processLifecycle } from "./lifecycle";

// /api/ready on a real database and sandbox: ready, then not ready for each reason in turn, then draining.

describe("GET /api/ready", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await createTestWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  const ready = async () => {
    const response = await GET();
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };

  it("is 200 when the database answers, every migration is applied and AWS answers", async () => {
    const before = world.calls.length;
    expect(await ready()).toEqual({ status: 200, body: { status: "ready", checks: { database: "ok", migrations: "ok", aws: "ok" } } });
    expect(world.calls.slice(before).map((c) => c.operation)).toEqual(["DescribeWorkspaceDirectories"]);
    // Within a few seconds the AWS answer is reused, not asked again.
    await ready();
    expect(world.calls.length).toBe(before + 1);
  });

  it("is 503 naming a migration that is not applied", async () => {
    const prisma = world.database.prisma;
    const [last] = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = ${last!.migration_name}`;
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.status).toBe("not ready");
      expect(body.checks.database).toBe("ok");
      expect(body.checks.migrations).toBe(`1 migration(s) not applied (${last!.migration_name}); run npm run db:migrate`);
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = ${last!.migration_name}`;
    }
    expect((await ready()).status).toBe(200);
  });

  it("is 503 when AWS does not answer (roles with an executor)", async () => {
    // A gateway pointed at a port nobody listens on.
    const down = "http://127.0.0.1:9";
    const gateway = createAwsGateway({
      regions: REGIONS,
      defaultRegion: REGIONS[0]!,
      endpoints: { workspaces: down, directoryService: down, cloudwatch: down },
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
      maxAttempts: 1,
    });
    installAwsGateway(gateway);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.checks).toEqual({
        database: "ok",
        migrations: "ok",
        aws: "AWS endpoint unreachable or refusing the portal's credentials",
      });
    } finally {
      installAwsGateway(world.gateway);
      gateway.destroy();
    }
  });

  it("is 503 while the process drains after SIGTERM", async () => {
    await processLifecycle().shutdown({ graceMs: 0, exit: () => undefined });
    expect(await ready()).toEqual({
      status: 503,
      body: { status: "draining", checks: { draining: "shutting down: finishing the work in flight" } },
    });
  });
});
