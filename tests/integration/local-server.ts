import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** Serves one of the Node-level endpoints on a free loopback port, for tests that speak real HTTP to it. */
export async function serveLocally(handler: Handler): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
