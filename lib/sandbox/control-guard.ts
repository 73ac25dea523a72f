import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

// The control API resets the world and injects faults, so only local tools may reach it: a web page
// cannot send the token (a custom header needs a CORS preflight, which carries Origin), and a
// DNS-rebinding page reaches the port under its own host name, not a loopback one.

export const CONTROL_TOKEN_HEADER = "x-sandbox-token";
/** Control requests are a few hundred bytes of JSON. */
export const CONTROL_BODY_LIMIT = 64 * 1024;
/** The largest AWS request the portal sends (25 WorkSpaces with 50 tags each) is far below 1 MiB. */
export const AWS_BODY_LIMIT = 1024 * 1024;

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::\d{1,5})?$/;
const NAMED_LOOPBACK = /^(localhost|\[::1\])(?::\d{1,5})?$/i;

/** 127.0.0.0/8, localhost or [::1], each with an optional port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  if (NAMED_LOOPBACK.test(host)) return true;
  const ipv4 = IPV4_LOOPBACK.exec(host);
  return ipv4 !== null && ipv4.slice(1).every((octet) => Number(octet) <= 255);
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface Refusal {
  status: number;
  error: string;
}

/** Why a control request is refused, or undefined when it may go ahead. */
export function controlRefusal(req: IncomingMessage, token: string): Refusal | undefined {
  if (!isLoopbackHost(req.headers.host))
    return { status: 403, error: "the control API answers only requests addressed to a loopback host (127.0.0.1, localhost, [::1])" };
  if (req.headers.origin !== undefined)
    return { status: 403, error: "the control API refuses requests from web pages (Origin header present)" };
  const given = req.headers[CONTROL_TOKEN_HEADER];
  if (typeof given !== "string" || !sameSecret(given, token)) {
    return {
      status: 401,
      error: "missing or wrong X-Sandbox-Token header; the sandbox prints its token at start-up and writes it to its token file",
    };
  }
  return undefined;
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** Reads the body, refusing it as soon as it is declared or grows larger than the limit. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers["content-length"]) > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!refused) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}
