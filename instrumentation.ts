// Next.js calls register() once when a server process starts, before it serves a request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startPortal } = await import("./lib/server/startup");
    await startPortal();
  }
}
