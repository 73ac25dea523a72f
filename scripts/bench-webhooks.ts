// npm run bench:webhooks — webhook fan-out: 1,000 events to 3 endpoints, delivered by the real executor
// (the production lease and poll settings, its default concurrency) to 3 real HTTP receivers on
// 127.0.0.1, over PGlite (or a fresh database on TEST_DATABASE_URL's server).
//   Target: all 3,000 deliveries arrive within 60 s of the first event's commit, and each receiver gets
//   every event id exactly once, each with a valid signature.
// Prints PASS/FAIL; exits 1 if the target is missed, 2 if the run does not finish in 4 minutes.
import { performance } from "node:perf_hooks";
import { runInProcessBenchmark } from "./bench-in-process";

runInProcessBenchmark(import.meta.url, "bench:webhooks", 4);

const EVENTS = 1000;
const ENDPOINTS = 3;
const TARGET_MS = 60_000;

const { getConfig } = await import("@/lib/config");
const { createExecutor } = await import("@/lib/server/executor");
const { kickExecutor } = await import("@/lib/core/signal");
const { emitWebhookEvent } = await import("@/lib/core/webhooks");
const { verifyWebhookSignature } = await import("@/lib/core/webhook-secrets");
const { WEBHOOK_SIGNATURE_TOLERANCE_S } = await import("@/lib/domain");
const { createWebhook, setWebhookNetwork } = await import("@/lib/services/admin/webhooks");
const { seedDemoOrganization } = await import("@/lib/seed/demo-organization");
const { createTestDatabase } = await import("@/test/db");
const { startWebhookReceiver } = await import("@/test/webhook-receiver");

const config = getConfig();
const database = await createTestDatabase();
const prisma = database.prisma;
await seedDemoOrganization(prisma);
const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });

// The receivers answer on 127.0.0.1, which needs the private-address setting (outside production).
await setWebhookNetwork(admin, { allowPrivate: true });
const receivers = await Promise.all(Array.from({ length: ENDPOINTS }, () => startWebhookReceiver()));
const endpoints: { receiver: (typeof receivers)[number]; secret: string }[] = [];
for (const [i, receiver] of receivers.entries()) {
  const { secret } = await createWebhook(admin, { name: `Receiver ${i + 1}`, url: receiver.url, events: ["request.submitted"] });
  endpoints.push({ receiver, secret });
}

const executor = createExecutor({
  db: prisma,
  gateway: () => {
    throw new Error("bench:webhooks runs no AWS jobs");
  },
  regions: [],
  leaseMs: config.executor.leaseSeconds * 1000,
  pollMs: config.executor.pollMs,
  reconcileTimeoutMs: 60 * 60_000,
  inventorySyncMs: 60 * 60_000,
  mail: { from: "portal@bench" },
  owner: "bench-webhooks",
});
executor.start();

// One event per transaction, as the request path writes them; the executor is woken after each commit.
const started = performance.now();
const eventIds: string[] = [];
for (let i = 0; i < EVENTS; i += 1) {
  const event = await prisma.$transaction((tx) =>
    emitWebhookEvent(tx, "request.submitted", { id: `req-bench-${i}`, status: "PENDING_APPROVAL", justification: "bench" }),
  );
  eventIds.push(event!.id);
  kickExecutor();
}
const emittedMs = performance.now() - started;

const expected = EVENTS * ENDPOINTS;
const arrived = () => endpoints.reduce((n, e) => n + e.receiver.received.length, 0);
while (arrived() < expected && performance.now() - started < TARGET_MS * 3) await new Promise((r) => setTimeout(r, 20));
const lastArrival = Math.max(...endpoints.flatMap((e) => e.receiver.received.map((r) => r.at)));
const allMs = performance.now() - started - (Date.now() - lastArrival);
await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive now
await executor.stop();

// Every event id exactly once per endpoint, each signed with that endpoint's secret.
const problems: string[] = [];
const now = Math.floor(Date.now() / 1000);
for (const [i, { receiver, secret }] of endpoints.entries()) {
  const seen = new Map<string, number>();
  let badSignatures = 0;
  for (const r of receiver.received) {
    const id = String(r.headers["portal-event-id"]);
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (!verifyWebhookSignature(secret, r.body, r.headers["portal-signature"] as string, now, WEBHOOK_SIGNATURE_TOLERANCE_S))
      badSignatures++;
    if ((JSON.parse(r.body) as { id: string }).id !== id) problems.push(`receiver ${i + 1}: body id differs from Portal-Event-Id`);
  }
  const missing = eventIds.filter((id) => !seen.has(id)).length;
  const twice = [...seen.values()].filter((n) => n > 1).length;
  if (missing) problems.push(`receiver ${i + 1}: ${missing} events missing`);
  if (twice) problems.push(`receiver ${i + 1}: ${twice} events arrived more than once`);
  if (badSignatures) problems.push(`receiver ${i + 1}: ${badSignatures} bad signatures`);
}
const delivered = await prisma.webhookDelivery.count({ where: { status: "DELIVERED" } });
if (delivered !== expected) problems.push(`${delivered} of ${expected} deliveries marked DELIVERED`);
const attempts = await prisma.webhookAttempt.findMany({ select: { durationMs: true } });
const durations = attempts.map((a) => a.durationMs).sort((a, b) => a - b);
const p95Post = durations[Math.ceil(0.95 * durations.length) - 1] ?? 0;

for (const { receiver } of endpoints) await receiver.close();
await database.close();

const ok = allMs <= TARGET_MS && problems.length === 0;
console.log(
  `bench:webhooks — ${database.kind}, ${ENDPOINTS} receivers on 127.0.0.1, ` +
    `lease ${config.executor.leaseSeconds} s, poll ${config.executor.pollMs} ms`,
);
console.log(`${EVENTS} events emitted (one transaction each) in ${(emittedMs / 1000).toFixed(2)} s`);
console.log(
  `${arrived()} of ${expected} deliveries arrived ${(allMs / 1000).toFixed(2)} s after the first commit ` +
    `(${Math.round(expected / (allMs / 1000))}/s; ${attempts.length} attempts, POST p95 ${p95Post} ms)  ` +
    `[target ≤ ${TARGET_MS / 1000} s, each event once per endpoint: ${ok ? "PASS" : "FAIL"}]`,
);
for (const p of problems) console.log(`  ${p}`);
process.exit(ok ? 0 : 1);
