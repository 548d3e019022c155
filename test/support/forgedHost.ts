// The host a forged command argument points at: a TCP server on another loopback address that counts the
// connections it gets and drops each one. A test that passes a forged site or href checks that it got none.
import * as net from 'node:net';

export interface ForgedHost {
  /** https://127.0.0.3:<port> */
  readonly url: string;
  /** Connections it got so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startForgedHost(address = '127.0.0.3'): Promise<ForgedHost> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return {
    url: `https://${address}:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
