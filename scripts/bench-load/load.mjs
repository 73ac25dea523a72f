// The simulated people: 70% employees reading their pages with a session cookie, 20% submitting requests and
// 10% managers approving them through the REST API acting for the person (X-On-Behalf-Of), which runs the same
// services as the portal's forms. Every request goes round-robin to the next web instance.
import { randomUUID } from "node:crypto";
import { sleep } from "./processes.mjs";

const TIMEOUT_MS = 30_000;
const NEXT_COMPUTE = { VALUE: "STANDARD", STANDARD: "PERFORMANCE", PERFORMANCE: "POWER", POWER: "POWERPRO" };
const TERMINAL = new Set(["SUCCEEDED", "FAILED", "REJECTED", "CANCELLED", "EXPIRED"]);
// Refusals by a domain rule about the WorkSpace's age or state, which a person sees in the form before submitting and
// the script cannot know in advance: counted apart (by code), not as errors. Anything else refused is an error.
const EXPECTED_REFUSALS = new Set(["WORKSPACE_TOO_NEW", "COMPUTE_LARGER_TOO_SOON", "WRONG_STATE"]);

export const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};

export class Stats {
  constructor() {
    /** @type {Map<string, number[]>} */
    this.times = new Map();
    this.errors = [];
    this.errorCount = 0;
    this.outage = null; // { failures: Map<string, number> } while a chaos step expects failures
    this.outageFailures = new Map();
    this.counts = { submitted: new Map(), approved: 0, skipped: 0 };
    this.refusals = new Map();
  }
  ok(route, ms) {
    let list = this.times.get(route);
    if (!list) this.times.set(route, (list = []));
    list.push(ms);
  }
  fail(route, what) {
    if (this.outage) {
      const key = `${route} → ${what.split(":")[0]}`;
      this.outageFailures.set(key, (this.outageFailures.get(key) ?? 0) + 1);
      return;
    }
    this.errorCount += 1;
    if (this.errors.length < 30) this.errors.push(`${new Date().toISOString()} ${route}: ${what}`);
  }
  table() {
    const rows = [...this.times.entries()].sort(([a], [b]) => a.localeCompare(b));
    return rows.map(([route, xs]) => ({ route, n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) }));
  }
}

export function createLoad({ bases, token, readers, submitters, managers, thinkMs, stats }) {
  let next = 0;
  let stopping = false;
  const base = () => bases[next++ % bases.length];
  const think = () => sleep(thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0]));

  /** One HTTP call, timed to the last byte; returns the parsed body or null after recording a failure. */
  async function call(route, path, { method = "GET", cookie, actFor, body, expect = [200] } = {}) {
    const headers = {};
    if (cookie) headers.cookie = cookie;
    if (token && !cookie) headers.authorization = `Bearer ${token}`;
    if (actFor) headers["x-on-behalf-of"] = actFor;
    if (body) {
      headers["content-type"] = "application/json";
      headers["idempotency-key"] = randomUUID();
    }
    const t0 = performance.now();
    try {
      const res = await fetch(base() + path, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      if (res.status === 422 && body) {
        const code = text.startsWith("{") ? JSON.parse(text).code : undefined;
        if (EXPECTED_REFUSALS.has(code)) {
          stats.refusals.set(code, (stats.refusals.get(code) ?? 0) + 1);
          return { refused: code };
        }
      }
      if (!expect.includes(res.status)) {
        stats.fail(route, `${res.status}: ${text.slice(0, 300).replace(/\s+/g, " ")}`);
        return null;
      }
      stats.ok(route, ms);
      return res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
    } catch (e) {
      stats.fail(route, e?.name === "TimeoutError" ? `timeout after ${TIMEOUT_MS / 1000} s` : `network: ${e?.cause?.code ?? e?.message}`);
      return null;
    }
  }

  async function reader(person) {
    const pages = [
      ["GET /", "/"],
      ["GET /workspaces/[id]", person.workspaceId ? `/workspaces/${person.workspaceId}` : "/"],
      ["GET /requests", "/requests"],
      ["GET /notifications", "/notifications"],
    ];
    while (!stopping) {
      const [route, path] = pages[Math.floor(Math.random() * pages.length)];
      await call(route, path, { cookie: person.cookie });
      await think();
    }
  }

  async function submitter(pool) {
    const open = new Map(); // person email → the id of their last request, until it is terminal
    const tooNew = new Set(); // WorkSpaces whose compute type may not grow now: reboots only
    let i = 0;
    while (!stopping) {
      const person = pool[i++ % pool.length];
      const last = open.get(person.email);
      if (last) {
        const request = await call("GET /api/v1/requests/[id]", `/api/v1/requests/${last}`, { actFor: person.email });
        if (!request || !TERMINAL.has(request.status)) {
          await think();
          continue;
        }
        open.delete(person.email);
      }
      const list = await call("GET /api/v1/workspaces", "/api/v1/workspaces?limit=10", { actFor: person.email });
      // AlwaysOn ones: at the sandbox's fast clock an AutoStop WorkSpace stops within a minute of being left alone,
      // and a reboot of a stopped WorkSpace is refused by AWS (the request fails, rightly, but it is not the load's point).
      const ws = list?.data?.find((w) => w.state === "AVAILABLE" && w.runningMode === "ALWAYS_ON");
      if (!ws) {
        stats.counts.skipped += 1;
        await think();
        continue;
      }
      const up = tooNew.has(ws.id) ? undefined : NEXT_COMPUTE[ws.computeType];
      const change =
        up && Math.random() < 0.5 ? { type: "computeType", workspaceId: ws.id, computeType: up } : { type: "reboot", workspaceId: ws.id };
      const created = await call("POST /api/v1/requests", "/api/v1/requests", {
        method: "POST",
        actFor: person.email,
        body: { change, justification: "Load benchmark: a change a person asks for." },
        expect: [201],
      });
      // A WorkSpace's compute type may grow once every 6 hours (and not in its first 6): one change per WorkSpace.
      if (created?.refused || (created?.id && change.type === "computeType")) tooNew.add(ws.id);
      if (created?.id) {
        open.set(person.email, created.id);
        stats.counts.submitted.set(change.type, (stats.counts.submitted.get(change.type) ?? 0) + 1);
      }
      await think();
    }
  }

  async function manager(m) {
    while (!stopping) {
      await call("GET /approvals", "/approvals", { cookie: m.cookie });
      const list = await call("GET /api/v1/requests?status=PENDING_APPROVAL", "/api/v1/requests?status=PENDING_APPROVAL&limit=20", {
        actFor: m.email,
      });
      const mine = (list?.data ?? []).filter(
        (r) => r.approvalSteps[r.currentStep]?.role === "MANAGER" && r.approvalSteps[r.currentStep]?.approverId === m.id,
      );
      for (const r of mine.slice(0, 3)) {
        if (stopping) break;
        const decided = await call("POST /api/v1/requests/[id]/decisions", `/api/v1/requests/${r.id}/decisions`, {
          method: "POST",
          actFor: m.email,
          body: { decision: "APPROVED", comment: "Approved by the load benchmark." },
        });
        if (decided) stats.counts.approved += 1;
      }
      await think();
    }
  }

  const tasks = [...readers.map((p) => reader(p)), ...submitters.map((pool) => submitter(pool)), ...managers.map((m) => manager(m))];
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(tasks);
    },
  };
}
