import "server-only";
import { headers } from "next/headers";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig } from "./config";
import { redactLogObject } from "./logger/redact";
import { traceFields } from "./observability/tracing";

let root: Logger | undefined;

type MakeChild = (this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;

// pino passes a child's bindings through no formatter, so they are redacted before pino sees them. A
// child inherits its parent's `child`, so each one gets its own, calling pino's with itself as `this`.
function redactChildBindings(log: Logger, pinoChild: MakeChild = log.child as unknown as MakeChild): Logger {
  const child = (bindings: pino.Bindings, options?: pino.ChildLoggerOptions) =>
    redactChildBindings(pinoChild.call(log, redactLogObject(bindings), options), pinoChild);
  log.child = child as unknown as Logger["child"];
  return log;
}

/** The portal's pino logger; every logged object, child bindings included, is redacted first. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const log = pino(
    {
      level,
      base: { service: "workspaces-portal" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Inside a traced request or job, every line names its trace and span (empty while tracing is off).
      mixin: traceFields,
      formatters: {
        level: (label) => ({ level: label }),
        log: redactLogObject,
      },
      // The redactor has already turned errors into plain objects (name, message, stack, own fields,
      // cause); pino's own error serializer would rebuild them from that copy as "Object".
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  return redactChildBindings(log);
}

export function logger(): Logger {
  root ??= createLogger(getConfig().logLevel);
  return root;
}

/** A logger whose lines carry the request id set by proxy.ts; outside a request, the plain logger. */
export async function requestLogger(): Promise<Logger> {
  try {
    const requestId = (await headers()).get("x-request-id");
    return requestId ? logger().child({ requestId }) : logger();
  } catch {
    return logger();
  }
}
