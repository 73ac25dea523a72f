import "server-only";
import { headers } from "next/headers";
import pino, { type Logger } from "pino";
import { getConfig } from "./config";

// Any field with one of these names is replaced before a line is written, wherever it is nested.
const SENSITIVE = ["password", "newPassword", "secret", "token", "accessToken", "sessionToken", "authorization", "cookie", "AUTH_SECRET", "SecretAccessKey", "NewPassword"];
const redactPaths = SENSITIVE.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k.toLowerCase()}`]);

let root: Logger | undefined;

export function logger(): Logger {
  root ??= pino({
    level: getConfig().logLevel,
    base: { service: "workspaces-portal" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
  });
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
