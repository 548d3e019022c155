// A real HTTP proxy for the tests (the `proxy` package: CONNECT tunnels and plain HTTP, like Squid), with a log of
// every CONNECT it was asked for. `outgoingAddress` makes it connect to targets from that loopback address, so a
// simulator started with `acceptFrom: [outgoingAddress]` can be reached through the proxy only.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `host:port` of every CONNECT request, in order. */
  readonly connects: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(options: { host?: string; outgoingAddress?: string } = {}): Promise<ConnectProxy> {
  const server = createProxy(http.createServer());
  if (options.outgoingAddress !== undefined) server.localAddress = options.outgoingAddress;
  const connects: string[] = [];
  server.on('connect', (req: http.IncomingMessage) => connects.push(req.url ?? ''));
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket: import('node:net').Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
