// A fresh test database holding the synthetic fleet (scripts/bench-fleet-data.ts): the in-process benchmarks that
// compare 100 and 10,000 WorkSpaces (bench-fleet.ts, bench-api.ts) seed theirs here.
import { createTestDatabase } from "../test/db";
import { benchOwners, benchWorkspaces } from "./bench-fleet-data";

export async function benchFleetDatabase(n: number) {
  const database = await createTestDatabase();
  const prisma = database.prisma;
  const owners = await Promise.all(benchOwners().map((data) => prisma.user.create({ data })));
  const rows = benchWorkspaces(
    n,
    owners.map((o) => o.id),
  ).map((w) => ({ ...w, raw: {}, lastSyncedAt: new Date() }));
  for (let i = 0; i < rows.length; i += 1000) await prisma.workspace.createMany({ data: rows.slice(i, i + 1000) });
  await prisma.$executeRawUnsafe(`ANALYZE "Workspace"`);
  return database;
}
