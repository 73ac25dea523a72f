// `npm run worker`: the executor without Next.js, for deployments that run web and worker processes apart
// on one PostgreSQL (docs/architecture.md, "Process roles"). It runs the job handlers and the schedules,
// serves GET /api/health, /api/ready and /api/metrics on WORKER_PORT, and on SIGTERM stops claiming, lets
// its jobs finish within SHUTDOWN_GRACE_SECONDS, hands back the rest and exits 0.
// Started with `tsx --import ./scripts/register-server-only.mjs`, which lets the server modules load here.
import { startObservability } from "../lib/observability/start";
import { startPortal } from "../lib/server/startup";

// Whatever PORTAL_ROLE says, this process is a worker; the configuration is read on first use, below.
process.env.PORTAL_ROLE = "worker";
// Before anything else, so the first jobs are measured and traced (as instrumentation.ts does for Next.js).
await startObservability();
await startPortal({ workerScript: true });
