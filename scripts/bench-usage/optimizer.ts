// The running-mode optimizer's dry run over 10,000 WorkSpaces with a month of usage rows each, on in-memory
// PGlite. Part of `npm run bench:usage`; alone: `NODE_ENV=production npx tsx scripts/bench-usage/optimizer.ts`.
// Target: ≤ 5 s. It times evaluateOptimizer, which the admin page, "Create requests" and the nightly job share.
import { register } from "node:module";
import { benchCatalogSource, benchOwners, benchWorkspaces } from "../bench-fleet-data";

// The modules start with `import "server-only"`; outside Next.js that import must resolve to nothing.
register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(s, c, next) { ` +
        `return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }`,
    ),
);

const WORKSPACES = 10_000;
const ROUNDS = 5;

export async function benchOptimizer(): Promise<{ workspaces: number; ms: number }> {
  const { createTestDatabase } = await import("../../test/db");
  const { setCatalogSource } = await import("../../lib/core/catalog");
  const { evaluateOptimizer } = await import("../../lib/core/optimizer");

  setCatalogSource(benchCatalogSource);

  const now = new Date();
  const database = await createTestDatabase();
  const prisma = database.prisma;
  const owners = await Promise.all(benchOwners().map((data) => prisma.user.create({ data })));
  const rows = benchWorkspaces(
    WORKSPACES,
    owners.map((o) => o.id),
  ).map((w) => ({ ...w, operatingSystem: "WINDOWS", rootVolumeGb: 80, userVolumeGb: 50, raw: {}, lastSyncedAt: now }));
  for (let i = 0; i < rows.length; i += 1000) await prisma.workspace.createMany({ data: rows.slice(i, i + 1000) });
  // Every day of the month so far, with a connection pattern that varies per WorkSpace, so some pass their threshold.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "WorkspaceUsageDay" ("workspaceId", "day", "connectedHourMask", "connectedHours")
    SELECT w."id", d::date, m.mask, length(replace(m.mask::bit(24)::text, '0', ''))
    FROM "Workspace" w
    CROSS JOIN generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d
    CROSS JOIN LATERAL (SELECT (hashtext(w."id") & 4095) << 6 AS mask) m`);
  await prisma.$executeRawUnsafe(`ANALYZE`);

  const first = await evaluateOptimizer(prisma, now);
  if (first.rows.length !== WORKSPACES) throw new Error(`expected ${WORKSPACES} rows, got ${first.rows.length}`);
  if (!first.rows.some((r) => r.billableHours > 0)) throw new Error("the usage rows were not read");
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t = performance.now();
    await evaluateOptimizer(prisma, now);
    times.push(performance.now() - t);
  }
  await database.close();
  return { workspaces: WORKSPACES, ms: [...times].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]! };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchOptimizer().then(
    (r) => {
      console.log(`optimizer dry run: ${r.workspaces} WorkSpaces in ${r.ms.toFixed(0)} ms (target ≤ 5000 ms)`);
      process.exit(r.ms <= 5000 ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
