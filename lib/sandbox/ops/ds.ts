import type { Handler } from "../engine";

export const dsOps: Record<string, Handler> = {};
