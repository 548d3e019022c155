// Types of the `proxy` package (ESM with `exports` only, which this project's `moduleResolution: node` cannot
// resolve): the part the tests use, as its dist/proxy.d.ts declares it.
declare module 'proxy' {
  import type * as http from 'node:http';
  export interface ProxyServer extends http.Server {
    authenticate?: ((req: http.IncomingMessage) => boolean | Promise<boolean>) | 'negotiate';
    localAddress?: string;
  }
  export function createProxy(server?: http.Server): ProxyServer;
}
