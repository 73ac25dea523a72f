import type { Handler } from "../engine";

export const ipGroupOps: Record<string, Handler> = {};
