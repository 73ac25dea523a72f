import { AsyncLocalStorage } from "node:async_hooks";
import { mayHaveActed } from "./errors";
import { operationFamily } from "./rate-limit";

// The executor records that a call may have reached AWS at the last moment before each attempt leaves, once its turn
// at the rate limit has come, and takes the record back when AWS answers that it did not act (a throttle, a refusal,
// no connection). A process that dies while it waits its turn or backs off has then recorded nothing, and the next
// attempt may safely call. AsyncLocalStorage carries the hooks from the executor's call down to the SDK middleware
// (lib/aws/clients.ts) without widening every gateway method.

export interface SendHooks {
  /** Before an attempt of a mutating call is signed and sent; when it throws, nothing is sent. */
  sending(): Promise<void>;
  /** After AWS answered an attempt without acting on it. */
  refused(): Promise<void>;
}

const store = new AsyncLocalStorage<SendHooks>();

/** Runs `call` with `hooks` around every attempt of every mutating AWS call it makes. */
export function withSendHooks<T>(hooks: SendHooks, call: () => Promise<T>): Promise<T> {
  return store.run(hooks, call);
}

/** For the client middleware: one attempt of `operation`, inside the hooks of the call in progress if it changes something. */
export async function aroundAttempt<T>(operation: string, send: () => Promise<T>): Promise<T> {
  const hooks = operationFamily(operation) === "mutating" ? store.getStore() : undefined;
  if (!hooks) return send();
  await hooks.sending();
  try {
    return await send();
  } catch (error) {
    if (!mayHaveActed(error)) await hooks.refused();
    throw error;
  }
}
