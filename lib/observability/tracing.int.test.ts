import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeOpenRequests, createFixtures, type Fixtures } from "@/test/entry-points/fixtures";
import { signInAs } from "@/test/entry-points/session";

// Traces as a collector receives them: a real OTLP/HTTP receiver (node:http, JSON bodies, the exporter's
// default encoding) and the real SDK, started the way instrumentation.ts starts it. A reboot submitted
// through the server action is auto-approved, queued, run by the executor and sent to the sandbox; the
// action's span, the job's span and the AWS call's span must form one trace.

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

const exports: { contentType: string | undefined; body: OtlpExport }[] = [];
const collector = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/v1/traces") {
      exports.push({ contentType: req.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpExport });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    } else res.writeHead(404).end();
  });
});

const spans = () => exports.flatMap((e) => e.body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value.stringValue;

let fx: Fixtures;
let tracing: Awaited<ReturnType<typeof import("./tracing").startTracing>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const { startTracing } = await import("./tracing");
  tracing = await startTracing({
    otlpEndpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`,
    serviceName: "portal-under-test",
  });
  fx = await createFixtures();
  await closeOpenRequests(fx);
  await fx.world.executor().drain();
}, 180_000);

afterAll(async () => {
  await tracing?.shutdown();
  collector.close();
  await fx?.world.close();
});

describe("tracing to an OTLP/HTTP collector", () => {
  it("puts the server action, the job it queued and the job's AWS call in one trace", async () => {
    const { submitChangeRequest } = await import("@/lib/actions/requests");
    await signInAs(fx.people.owner.id);
    const out = await submitChangeRequest({ change: { type: "reboot", workspaceId: fx.ownerWorkspaceId }, justification: "It hangs." });
    expect(out).toMatchObject({ ok: true });
    const requestId = (out as { data: { requestId: string } }).data.requestId;

    const job = await fx.world.database.prisma.outboxJob.findFirstOrThrow({
      where: { kind: "request.execute", payload: { path: ["requestId"], equals: requestId } },
    });
    expect((job.payload as { traceparent?: string }).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    await fx.world.executor().drain();
    await tracing!.forceFlush();

    expect(exports.length).toBeGreaterThan(0);
    expect(exports[0]!.contentType).toBe("application/json");
    const service = exports[0]!.body.resourceSpans[0]!.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue;
    expect(service).toBe("portal-under-test");

    const action = spans().find((s) => s.name === "action submitChangeRequest")!;
    expect(action).toBeDefined();
    const jobSpan = spans().find((s) => s.name === "job request.execute" && s.traceId === action.traceId);
    expect(jobSpan, "the job's span continues the action's trace").toBeDefined();
    expect(jobSpan!.parentSpanId).toBe(action.spanId);
    const aws = spans().find((s) => s.name === "workspaces.RebootWorkspaces");
    expect(aws).toBeDefined();
    expect(aws!.traceId).toBe(action.traceId);
    expect(aws!.parentSpanId).toBe(jobSpan!.spanId);
    expect(attribute(aws!, "rpc.method")).toBe("RebootWorkspaces");
    expect(attribute(aws!, "aws.request_id")).toMatch(/\S{8,}/);

    // Jobs queued outside any request (the fixtures' schedules) start traces of their own.
    const scheduled = spans().filter((s) => s.name.startsWith("job ") && s.name !== "job request.execute" && s.name !== "job mail.send");
    for (const span of scheduled) expect(span.traceId).not.toBe(action.traceId);
  }, 120_000);

  it("writes trace_id and span_id on log lines inside a span, and none outside", async () => {
    const { createLogger } = await import("@/lib/logger");
    const { withSpan } = await import("./tracing");
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
        done();
      },
    });
    const log = createLogger("info", sink);
    let ids: { traceId: string; spanId: string } | undefined;
    await withSpan("test span", {}, async () => {
      const { trace } = await import("@opentelemetry/api");
      ids = trace.getActiveSpan()!.spanContext();
      log.info("inside");
    });
    log.info("outside");
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ msg: "inside", trace_id: ids!.traceId, span_id: ids!.spanId });
    expect(lines[1]!.msg).toBe("outside");
    expect(lines[1]).not.toHaveProperty("trace_id");
  });
});
