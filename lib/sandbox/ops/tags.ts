import type { Handler } from "../engine";

export const tagOps: Record<string, Handler> = {};
