import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const INSTALL_HINT = "apt-get install -y chromium";

/** PLAYWRIGHT_CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a browser Playwright downloaded itself. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here; the candidates above are the only ones.
  }
  const found = candidates.find((c): c is string => Boolean(c) && existsSync(c!));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests " +
        "(looked at PLAYWRIGHT_CHROMIUM_PATH, /usr/bin/chromium and Playwright's own browsers). " +
        `Install it with:\n\n    ${INSTALL_HINT}\n`,
    );
  }
  return found;
}

// Without the last three, Chromium keeps trying to reach Google's services, which a closed network refuses.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
