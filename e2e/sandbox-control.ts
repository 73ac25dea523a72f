import { readFileSync } from "node:fs";
import path from "node:path";

// The e2e server's sandbox, on the port and data directory playwright.config.ts gives it.
export const SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}`;
const TOKEN_FILE = path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "sandbox-token");

/** A request to the sandbox's control API with the token the portal wrote when it started the sandbox. */
export function sandboxControl(pathname: string, init: RequestInit = {}): Promise<Response> {
  // Read on each call: the token changes with every server start and the file exists only once it has started.
  const token = readFileSync(TOKEN_FILE, "utf8").trim();
  return fetch(`${SANDBOX_URL}${pathname}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), "X-Sandbox-Token": token },
  });
}
