import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DirectoryServiceClient } from "@aws-sdk/client-directory-service";
import { WorkSpacesClient, type WorkSpacesClientConfig } from "@aws-sdk/client-workspaces";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { countAwsCall, countAwsThrottle } from "../observability/registry";
import { AwsGatewayError, mayHaveActed, reasonForCode, toGatewayError } from "./errors";
import { aroundAttempt } from "./send-hook";
import type { RateGates } from "./rate-limit";
import type { CallInfo } from "./types";

export type CredentialsInput = NonNullable<WorkSpacesClientConfig["credentials"]>;
type ServiceName = CallInfo["service"];

export interface ClientSettings {
  endpoints: { workspaces?: string; directoryService?: string; cloudwatch?: string };
  credentials?: CredentialsInput;
  timeoutMs: number;
  maxAttempts: number;
  gates: RateGates;
  onCall?: (info: CallInfo) => void;
}

interface SmithyStack {
  add(middleware: unknown, options: Record<string, unknown>): void;
  addRelativeTo(middleware: unknown, options: Record<string, unknown>): void;
}
interface MiddlewareContext {
  commandName?: string;
}
type Handler = (args: unknown) => Promise<{ output?: { $metadata?: { requestId?: string; attempts?: number } } }>;

function operationOf(context: MiddlewareContext): string {
  return (context.commandName ?? "Unknown").replace(/Command$/, "");
}

/**
 * Operations that do their work again when repeated, with nothing to show afterwards that the first one happened: a
 * second reboot, rebuild or restore once the first is over is accepted and repeats it. (A repeated start, stop, give
 * back, create or property change is refused or changes nothing, so the SDK may retry those.)
 */
export const DONE_AGAIN_WHEN_REPEATED: ReadonlySet<string> = new Set(["RebootWorkspaces", "RebuildWorkspaces", "RestoreWorkspace"]);

/**
 * A call of one of those operations that may have reached AWS without an answer coming back (it timed out, the
 * connection broke): not a name the SDK retries, so the SDK stops here and the executor, which can look in AWS, decides.
 */
export class OutcomeUnknownError extends Error {
  readonly $metadata: { requestId?: string };
  // Not `cause`: the SDK looks through `cause` and would retry the timeout inside.
  readonly sdkError: unknown;
  constructor(operation: string, sdkError: unknown) {
    const inner = sdkError as { message?: unknown; $metadata?: { requestId?: string } };
    super(`${operation}: no answer from AWS, which may have carried it out (${String(inner?.message ?? sdkError)})`);
    this.name = "OutcomeUnknown";
    this.sdkError = sdkError;
    // No HTTP status: a 5xx here would make the SDK retry it as a server error.
    this.$metadata = { requestId: inner?.$metadata?.requestId };
  }
}

// Both middlewares sit on the client, so paginators and every other send() pass through them.
function instrument(stack: SmithyStack, service: ServiceName, region: string, settings: ClientSettings): void {
  // After the retry middleware, so every attempt (retries too) waits its turn; before signing, so a
  // long wait in the queue never sends a stale signature. Each attempt AWS throttles is counted here.
  stack.addRelativeTo(
    (next: Handler, context: MiddlewareContext) => async (args: unknown) => {
      const operation = operationOf(context);
      await settings.gates.wait(service, region, operation);
      // The caller's send hooks (lib/aws/send-hook.ts) run around the attempt itself; their own failures pass untouched.
      return aroundAttempt(operation, async () => {
        try {
          return await next(args);
        } catch (error) {
          if (reasonForCode((error as { name?: string }).name ?? "") === "throttled") countAwsThrottle(service, operation);
          // The SDK would send a call whose answer was lost again; for these operations that does it twice.
          if (DONE_AGAIN_WHEN_REPEATED.has(operation) && mayHaveActed(error)) throw new OutcomeUnknownError(operation, error);
          throw error;
        }
      });
    },
    { name: "portalRateLimit", relation: "before", toMiddleware: "httpSigningMiddleware", override: true },
  );
  // Once per call, retries folded in: a span (a no-op unless tracing is on), the metrics, and onCall.
  stack.add(
    (next: Handler, context: MiddlewareContext) => async (args: unknown) => {
      const operation = operationOf(context);
      const attributes = { "rpc.system": "aws-api", "rpc.service": service, "rpc.method": operation, "cloud.region": region };
      return tracer().startActiveSpan(`${service}.${operation}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        const started = performance.now();
        const report = (info: Omit<CallInfo, "service" | "region" | "operation" | "durationMs">) => {
          const call: CallInfo = { service, region, operation, durationMs: performance.now() - started, ...info };
          if (call.requestId) span.setAttribute("aws.request_id", call.requestId);
          span.setAttribute("aws.attempts", call.attempts);
          if (call.error) span.setStatus({ code: SpanStatusCode.ERROR, message: call.error });
          span.end();
          countAwsCall({
            service,
            operation,
            durationMs: call.durationMs,
            errorReason: call.error ? (reasonForCode(call.error) ?? "other") : undefined,
          });
          settings.onCall?.(call);
        };
        try {
          const result = await next(args);
          const meta = result.output?.$metadata;
          report({ attempts: meta?.attempts ?? 1, requestId: meta?.requestId });
          return result;
        } catch (error) {
          const e = error as { name?: string; $metadata?: { requestId?: string; attempts?: number } };
          report({ attempts: e.$metadata?.attempts ?? 1, requestId: e.$metadata?.requestId, error: e.name ?? "Error" });
          throw error;
        }
      });
    },
    { step: "initialize", name: "portalCallObserver", priority: "high", override: true },
  );
}

const tracer = () => trace.getTracer("workspaces-portal/aws");

function commonConfig(region: string, endpoint: string | undefined, settings: ClientSettings) {
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Adaptive mode adds a client-side backoff rate when AWS throttles, on top of our fixed gates.
    retryMode: "adaptive",
    maxAttempts: settings.maxAttempts,
    requestHandler: {
      connectionTimeout: Math.min(settings.timeoutMs, 5_000),
      requestTimeout: settings.timeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

/** The SDK clients of one Region, created on first use and kept for the life of the gateway. */
export class RegionClients {
  private workspacesClient?: WorkSpacesClient;
  private directoryServiceClient?: DirectoryServiceClient;
  private cloudwatchClient?: CloudWatchClient;

  constructor(
    readonly region: string,
    private readonly settings: ClientSettings,
  ) {}

  get workspaces(): WorkSpacesClient {
    if (!this.workspacesClient) {
      this.workspacesClient = new WorkSpacesClient(commonConfig(this.region, this.settings.endpoints.workspaces, this.settings));
      instrument(this.workspacesClient.middlewareStack as unknown as SmithyStack, "workspaces", this.region, this.settings);
    }
    return this.workspacesClient;
  }

  get directoryService(): DirectoryServiceClient {
    if (!this.directoryServiceClient) {
      this.directoryServiceClient = new DirectoryServiceClient(
        commonConfig(this.region, this.settings.endpoints.directoryService, this.settings),
      );
      instrument(this.directoryServiceClient.middlewareStack as unknown as SmithyStack, "ds", this.region, this.settings);
    }
    return this.directoryServiceClient;
  }

  get cloudwatch(): CloudWatchClient {
    if (!this.cloudwatchClient) {
      this.cloudwatchClient = new CloudWatchClient(commonConfig(this.region, this.settings.endpoints.cloudwatch, this.settings));
      instrument(this.cloudwatchClient.middlewareStack as unknown as SmithyStack, "cloudwatch", this.region, this.settings);
    }
    return this.cloudwatchClient;
  }

  /** Runs SDK work for `operation`, turning any failure into an AwsGatewayError. */
  async run<T>(operation: string, work: (clients: RegionClients) => Promise<T>): Promise<T> {
    try {
      return await work(this);
    } catch (error) {
      throw toGatewayError(error, operation, this.region);
    }
  }

  destroy(): void {
    this.workspacesClient?.destroy();
    this.directoryServiceClient?.destroy();
    this.cloudwatchClient?.destroy();
  }
}

/** A mutating call's request id; AWS always sends one, so its absence is a broken response. */
export function requireRequestId(meta: { requestId?: string } | undefined, operation: string, region: string): string {
  if (meta?.requestId) return meta.requestId;
  throw new AwsGatewayError({
    reason: "unavailable",
    operation,
    region,
    awsCode: "MissingRequestId",
    awsMessage: "AWS answered without a request id.",
  });
}
