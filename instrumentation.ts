// Next.js calls register() once when a server process starts, before it serves a request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before anything else, so the first requests and jobs are measured and traced.
    const { startObservability } = await import("./lib/observability/start");
    await startObservability();
    const { startPortal } = await import("./lib/server/startup");
    await startPortal();
  }
}
