import "server-only";
import type { EventEmitter } from "node:events";

// Services commit an outbox job and then call kickExecutor(), so the worker of this process picks it up
// at once instead of at its next poll; other processes still find it by polling.
//
// The signal travels on the process object, which Node keeps once per process: the service that kicks
// and the worker that listens may sit in different bundles of one Next.js server (a page's server action
// and instrumentation), each with its own copy of this module, and both still meet here.
const KICK = "portal:executor-kick";
const bus: EventEmitter = process;

export function kickExecutor(): void {
  bus.emit(KICK);
}

export function onExecutorKick(listener: () => void): () => void {
  bus.on(KICK, listener);
  return () => void bus.off(KICK, listener);
}
