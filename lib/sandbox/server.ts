import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OpContext, SandboxEngine } from "./engine";
import { answerDelay, injectedFault, type Faults } from "./faults";
import type { SandboxIdentities } from "./identities";
import { handlers } from "./ops";
import { AwsError } from "./protocol/errors";
import { isMutatingOperation, models, serviceForTargetPrefix, type ServiceKey } from "./protocol/model";
import { verifySignature, type Credentials } from "./protocol/sigv4";
import { validateShape, validationMessage } from "./protocol/validator";

export interface Exchange {
  service: ServiceKey | undefined;
  operation: string | undefined;
  status: number;
  body: Record<string, unknown>;
}

export interface AwsSurfaceDeps {
  engine: SandboxEngine;
  credentials: Credentials;
  /** The accounts' keys and AssumeRole's temporary ones; only `credentials` (the first account) when absent. */
  identities?: SandboxIdentities;
  faults: () => Faults;
  onMutation: () => void;
  onExchange?: (exchange: Exchange) => void;
  random?: () => number;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>, service: ServiceKey | undefined): void {
  const text = JSON.stringify(body);
  const version = service ? models[service].metadata.jsonVersion : "1.1";
  const headers: Record<string, string | number> = {
    "Content-Type": `application/x-amz-json-${version}`,
    "Content-Length": Buffer.byteLength(text),
  };
  // CloudWatch is awsQueryCompatible: errors also name their query-protocol code and fault.
  if (service === "cloudwatch" && status >= 400) headers["x-amzn-query-error"] = queryError(String(body.__type), status);
  res.writeHead(status, headers);
  res.end(text);
}

const QUERY_CODES: Record<string, string> = {
  ValidationException: "ValidationError",
  ThrottlingException: "Throttling",
  SerializationException: "MalformedQueryString",
};

function queryError(type: string, status: number): string {
  const modelled = models.cloudwatch.shapes[type]?.error;
  const code = modelled?.code ?? QUERY_CODES[type] ?? type;
  return `${code};${status >= 500 ? "Receiver" : "Sender"}`;
}

function errorBody(err: AwsError, service: ServiceKey | undefined, requestId: string): Record<string, unknown> {
  // Directory Service's modelled errors carry `Message` and `RequestId`; WorkSpaces' carry `message`.
  const body: Record<string, unknown> = { __type: err.code, message: err.message, ...err.fields };
  if (service === "ds") Object.assign(body, { Message: err.message, RequestId: requestId });
  return body;
}

export async function handleAwsRequest(
  deps: AwsSurfaceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawBody: string,
  requestId: string,
): Promise<void> {
  let service: ServiceKey | undefined;
  let operation: string | undefined;
  const reply = (status: number, body: Record<string, unknown>) => {
    deps.onExchange?.({ service, operation, status, body });
    send(res, status, body, service);
  };
  try {
    const target = headerValue(req, "x-amz-target") ?? "";
    const dot = target.lastIndexOf(".");
    service = dot > 0 ? serviceForTargetPrefix(target.slice(0, dot)) : undefined;
    const query = Object.fromEntries(url.searchParams.entries());
    const identities = deps.identities;
    const signed = await verifySignature(
      { method: req.method ?? "POST", path: url.pathname, query, headers: req.headers, body: rawBody },
      identities ? (key) => identities.resolve(key)?.credentials : deps.credentials,
      service ? models[service].metadata.endpointPrefix : undefined,
      Date.now(),
    );
    // Which account's world the request acts in: the one its keys belong to.
    const accountId = identities?.accountOf(signed.accessKeyId, headerValue(req, "x-amz-security-token"));
    const scopeRegion = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(headerValue(req, "authorization") ?? "")?.[1] ?? "us-east-1";
    const opName = dot > 0 ? target.slice(dot + 1) : "";
    if (req.method !== "POST" || url.pathname !== "/" || !service || !models[service].operations[opName] || !handlers[service][opName]) {
      throw new AwsError("UnknownOperationException", target ? `Operation ${target} is not supported.` : "Missing X-Amz-Target header.");
    }
    operation = opName;
    let input: unknown;
    try {
      input = rawBody.trim() === "" ? {} : JSON.parse(rawBody);
    } catch {
      throw new AwsError("SerializationException", "Start of structure or map found where not expected, or the body is not valid JSON.");
    }
    if (typeof input !== "object" || input === null || Array.isArray(input))
      throw new AwsError("SerializationException", "The request body must be a JSON object.");
    const faults = deps.faults();
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const injected = injectedFault(faults, opName, deps.random ?? Math.random);
    if (injected) throw injected;
    const model = models[service];
    const inputShape = model.operations[opName]!.input?.shape;
    if (inputShape) {
      const violations = validateShape(model, inputShape, input);
      const serialization = violations.find((v) => v.kind === "serialization");
      if (serialization) throw new AwsError("SerializationException", serialization.message);
      if (violations.length > 0) throw new AwsError("ValidationException", validationMessage(violations));
    }
    const now = deps.engine.tick();
    const ctx: OpContext = { world: deps.engine.region(scopeRegion, accountId), now, engine: deps.engine, requestId };
    const result = handlers[service][opName]!(ctx, input as Record<string, unknown>);
    if (isMutatingOperation(opName)) {
      deps.engine.countMutation(opName);
      deps.engine.invalidateTimers(scopeRegion, accountId);
      deps.onMutation();
    }
    // Carried out, and the answer held back (a timeout the caller sees, a lost answer).
    const delay = answerDelay(faults, opName);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    reply(200, result as Record<string, unknown>);
  } catch (e) {
    if (e instanceof AwsError) {
      reply(e.status, errorBody(e, service, requestId));
      return;
    }
    console.error(`[sandbox] ${requestId} ${operation ?? "?"} failed`, e);
    reply(
      500,
      errorBody(new AwsError("InternalFailure", "The request processing has failed because of an unknown error.", 500), service, requestId),
    );
  }
}

export function newRequestId(): string {
  return randomUUID();
}
