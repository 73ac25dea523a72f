// npm run bench:api — the REST API's WorkSpace list at 10,000 WorkSpaces against 100, in-process.
//
// Seeds two in-memory PGlites with the synthetic fleet the fleet benchmarks use (scripts/bench-fleet-data.ts) and an
// API token in each, then calls the route handler of GET /api/v1/workspaces as Next.js would, with a real Request and
// the bearer token, timing each call from the handler's start to the last byte of its body: the server time of the call
// (token lookup, scope check, rate limit, query, JSON, audit of the call). The two sizes alternate, so load from other
// processes on the machine falls on both alike. Views: the first page, a page deep into the list through its cursor,
// and a filtered page. Target (issue 15): p95 at 10,000 ≤ 1.5 × p95 at 100 for `?limit=100`.
import "./register-server-only.mjs";

const ROUNDS = Math.max(50, Number(process.env.BENCH_ROUNDS ?? 200) || 200);
const WARM_UP = 20;
const TARGET = 1.5;

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

async function main() {
  // No rate limit gets in the way of a benchmark that is the only caller.
  process.env.API_RATE_LIMIT_PER_MINUTE ??= "1000000";
  const { benchFleetDatabase } = await import("./bench-fleet-database");
  const { installDatabase } = await import("../lib/db");
  const { generateApiToken } = await import("../lib/services/api/auth");
  const { GET } = await import("../app/api/v1/workspaces/route");

  async function fleetOf(n: number) {
    const database = await benchFleetDatabase(n);
    const prisma = database.prisma;
    const service = await prisma.user.create({
      data: { email: `api-bench-${n}@service-accounts.invalid`, name: "Benchmark", serviceAccount: true },
    });
    const { token, hash, prefix } = generateApiToken();
    await prisma.apiToken.create({
      data: {
        name: `bench ${n}`,
        hash,
        prefix,
        scopes: ["workspaces:read"],
        serviceUserId: service.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    return { database, token, size: n };
  }

  type Fleet = Awaited<ReturnType<typeof fleetOf>>;
  async function call(fleet: Fleet, query: string): Promise<{ ms: number; body: { data: unknown[]; nextCursor: string | null } }> {
    installDatabase(fleet.database.prisma);
    const t = performance.now();
    const res = await GET(
      new Request(`http://portal.test/api/v1/workspaces?${query}`, { headers: { authorization: `Bearer ${fleet.token}` } }),
      { params: Promise.resolve({}) } as never,
    );
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`GET /api/v1/workspaces?${query} on ${fleet.size} answered ${res.status}: ${text}`);
    return { ms, body: JSON.parse(text) };
  }

  const small = await fleetOf(100);
  const large = await fleetOf(10_000);

  // A cursor into the middle of each list (page 50 of 100 at 10,000; the last page at 100).
  async function deepCursor(fleet: Fleet, pages: number): Promise<string> {
    let cursor = "";
    for (let i = 0; i < pages; i++) {
      const { body } = await call(fleet, `limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    return cursor;
  }
  const cursors = new Map([
    [small, await deepCursor(small, 50)],
    [large, await deepCursor(large, 50)],
  ]);

  const views: { name: string; query: (f: Fleet) => string }[] = [
    { name: "first page, limit=100", query: () => "limit=100" },
    { name: "page 50 by cursor", query: (f) => (cursors.get(f) ? `limit=100&cursor=${cursors.get(f)}` : "limit=100") },
    { name: "state+region filter", query: () => "limit=100&state=AVAILABLE&region=eu-west-1" },
  ];

  console.log(`GET /api/v1/workspaces, route handler in-process (server time), ${ROUNDS} alternating calls per size after ${WARM_UP}`);
  console.log("view                        100 WS p50 / p95        10,000 WS p50 / p95      p95 ratio   rows 100 / 10,000");
  let headline = 0;
  let worst = 0;
  for (const view of views) {
    const times = new Map<Fleet, number[]>([
      [small, []],
      [large, []],
    ]);
    const rows = new Map<Fleet, number>();
    for (let round = -WARM_UP; round < ROUNDS; round++) {
      for (const fleet of round % 2 === 0 ? [small, large] : [large, small]) {
        const { ms, body } = await call(fleet, view.query(fleet));
        rows.set(fleet, body.data.length);
        if (round >= 0) times.get(fleet)!.push(ms);
      }
    }
    const [s50, s95, l50, l95] = [quantile(times.get(small)!, 0.5), quantile(times.get(small)!, 0.95)].concat([
      quantile(times.get(large)!, 0.5),
      quantile(times.get(large)!, 0.95),
    ]) as [number, number, number, number];
    const ratio = l95 / s95;
    if (view === views[0]) headline = ratio;
    worst = Math.max(worst, ratio);
    console.log(
      `${view.name.padEnd(26)} ${s50.toFixed(1).padStart(7)} / ${s95.toFixed(1).padStart(6)} ms   ` +
        `${l50.toFixed(1).padStart(7)} / ${l95.toFixed(1).padStart(6)} ms   ${ratio.toFixed(2).padStart(8)}   ` +
        `${rows.get(small)} / ${rows.get(large)}`,
    );
  }
  console.log(
    `\nHeadline (?limit=100): p95 ratio ${headline.toFixed(2)}, target ≤ ${TARGET}: ${headline <= TARGET ? "PASS" : "FAIL"}` +
      ` (worst view ${worst.toFixed(2)})`,
  );
  await small.database.close();
  await large.database.close();
  process.exit(headline <= TARGET ? 0 : 1);
}

void main();
