import { EventEmitter } from "node:events";

// Services commit an outbox job and then call kickExecutor(), so the worker of this process picks it up
// at once instead of at its next poll; other processes still find it by polling.
const globalForSignal = globalThis as unknown as { __portalExecutorSignal?: EventEmitter };
const signal = (globalForSignal.__portalExecutorSignal ??= new EventEmitter());

export function kickExecutor(): void {
  signal.emit("kick");
}

export function onExecutorKick(listener: () => void): () => void {
  signal.on("kick", listener);
  return () => signal.off("kick", listener);
}
