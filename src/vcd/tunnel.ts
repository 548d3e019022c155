// A CONNECT tunnel through an HTTP proxy, for the certificate probe only. API requests never use it: inside VS Code
// its network layer sends them through the person's proxy. The probe reads a certificate without trusting it, which
// that layer cannot do; behind a proxy it must still reach the site the way the requests do, so it opens the tunnel
// itself. Nothing but the CONNECT line (and the proxy credentials the person configured) goes to the proxy.
import * as net from 'node:net';
import { VcdError } from './errors';

/** The proxy a request to the site would take (see the VS Code layer's proxy route), for the probe. */
export interface ProbeProxy {
  /** `http://[user:password@]host:port` */
  url: string;
  /** A ready `Proxy-Authorization` value (VS Code's `http.proxyAuthorization`), used instead of URL credentials. */
  authorization?: string;
}

/** Largest proxy answer header read before the tunnel is given up. */
const MAX_HEADER_BYTES = 16 * 1024;

function describeProxy(url: URL): string {
  return url.port === '' ? url.hostname : `${url.hostname}:${url.port}`;
}

/** Opens a CONNECT tunnel to `host:port` through the proxy; resolves with the socket, ready for TLS. */
export function openTunnel(proxy: ProbeProxy, host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<net.Socket> {
  let url: URL;
  try {
    url = new URL(proxy.url);
  } catch {
    return Promise.reject(new VcdError('invalidInput', `The proxy address “${proxy.url}” is not a valid URL.`));
  }
  if (url.protocol !== 'http:') {
    return Promise.reject(
      new VcdError('invalidInput', `The certificate check can use http:// proxies only; ${url.protocol}// proxies are not supported for it.`),
    );
  }
  const name = describeProxy(url);
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const credentials =
    proxy.authorization ??
    (url.username === '' ? undefined : `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`);
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 80 : Number(url.port) });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (err: VcdError): void => {
      if (done) return;
      done = true;
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onAbort = (): void => fail(new VcdError('cancelled', 'The request was cancelled.'));
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.setTimeout(0);
      signal?.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      const head = Buffer.concat(chunks);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (size > MAX_HEADER_BYTES) fail(new VcdError('network', `The proxy ${name} sent an answer that is not HTTP.`));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, Math.min(end, 64)).toString('latin1'))?.[1];
      if (status !== '200') {
        const why =
          status === '407'
            ? 'asks for credentials (HTTP 407). Put them in http.proxy (http://user:password@host:port) or http.proxyAuthorization'
            : status === undefined
              ? 'sent an answer that is not HTTP'
              : `refused the tunnel (HTTP ${status})`;
        fail(new VcdError('unreachable', `The proxy ${name} ${why}, so the certificate of ${target} could not be read.`, { code: status === undefined ? undefined : `PROXY_${status}` }));
        return;
      }
      done = true;
      cleanup();
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(timeoutMs, () => fail(new VcdError('timeout', `The proxy ${name} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`)));
    const onError = (err: Error & { code?: string }): void =>
      fail(new VcdError('unreachable', `The proxy ${name} cannot be reached (${err.code ?? err.message}). Check http.proxy.`, { code: err.code }));
    socket.on('error', onError);
    socket.on('data', onData);
    socket.once('connect', () => {
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${credentials === undefined ? '' : `Proxy-Authorization: ${credentials}\r\n`}\r\n`);
    });
  });
}
