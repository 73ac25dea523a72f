import net from "node:net";

// A database server outage on demand: the shared PostgreSQL server cannot be stopped by a test, so a test
// reaches it through this TCP relay and cuts it (every connection reset, new ones refused) and restores it
// on the same port, as a server restart or a network cut looks to its clients.

export interface TcpRelay {
  /** `target` with its host and port replaced by the relay's. */
  url: string;
  port: number;
  /** Resets every open connection and stops listening, so new connections are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
}

/** A TCP relay to the server of `target` (a postgres:// URL), listening on a free loopback port. */
export async function tcpRelay(target: URL): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const open = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  await open();
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return { url: url.toString(), port, cut, restore: open };
}

/** A loopback port nothing listens on: a database URL on it is a server that is not there. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
