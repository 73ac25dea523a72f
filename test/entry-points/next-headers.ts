// Stands in for next/headers outside a Next.js request: a fixed request id and the session cookie of
// whoever the test signed in (see session.ts).
export const REQUEST_ID = "testreq-0123456789";

export const incoming: { cookie: string } = { cookie: "" };

export async function headers(): Promise<Headers> {
  return new Headers({ "x-request-id": REQUEST_ID, ...(incoming.cookie ? { cookie: incoming.cookie } : {}) });
}

export async function cookies() {
  const jar = new Map(
    incoming.cookie
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const),
  );
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: () => undefined,
    delete: () => undefined,
  };
}
