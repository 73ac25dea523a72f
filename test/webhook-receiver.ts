// A real HTTP endpoint for webhook tests and benchmarks: node:http on an ephemeral 127.0.0.1 port that
// records every delivery (headers and exact body). It can be told to answer with another status, and
// closed and opened again on the same port, as a receiver that is down for a while.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedDelivery[];
  /** The status to answer from now on (200 by default). */
  answer(status: number): void;
  /** Stops listening (and drops open connections): deliveries now fail to connect. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
}

export async function startWebhookReceiver(options: { path?: string; port?: number } = {}): Promise<WebhookReceiver> {
  const path = options.path ?? "/hooks/portal";
  const received: ReceivedDelivery[] = [];
  let status = 200;
  let server: http.Server | undefined;

  const listen = (port: number) =>
    new Promise<http.Server>((resolve, reject) => {
      const s = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const answered = req.method === "POST" && req.url === path ? status : 404;
          received.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status: answered });
          res.writeHead(answered, { "content-type": "text/plain" }).end(answered < 300 ? "ok" : "receiver refused");
        });
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve(s));
    });

  server = await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    received,
    answer(next) {
      status = next;
    },
    async close() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async reopen() {
      if (!server) server = await listen(port);
    },
  };
}
