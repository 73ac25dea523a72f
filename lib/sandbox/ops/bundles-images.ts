import type { Handler } from "../engine";

export const bundleOps: Record<string, Handler> = {};
