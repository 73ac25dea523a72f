import "server-only";
import { loadConfig, type PortalConfig } from "./config/schema";

// The environment is parsed once per process; every other module reads this object, never process.env.
const globalForConfig = globalThis as unknown as { __portalConfig?: PortalConfig };

export function getConfig(): PortalConfig {
  globalForConfig.__portalConfig ??= loadConfig(process.env);
  return globalForConfig.__portalConfig;
}

export type { PortalConfig } from "./config/schema";
