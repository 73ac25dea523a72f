import type { Handler } from "../engine";

export const directoryOps: Record<string, Handler> = {};
