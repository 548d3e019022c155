// Which HTTP proxy a request to a site takes inside VS Code, for the certificate probe (requests themselves are
// routed by VS Code's network layer). Mirrors what VS Code's proxy agent (@vscode/proxy-agent 0.32, in VS Code 1.100)
// does: `http.proxySupport: off` means direct; localhost, 127.0.0.1 and ::1 go direct; `http.noProxy` (or, when it is
// empty, NO_PROXY) names hosts that go direct; then `http.proxy`, then HTTPS_PROXY/HTTP_PROXY. A proxy that only the
// operating system knows (PAC, system settings) is not visible to extensions: set `http.proxy` for the probe then.
// Pure: no vscode import; the caller reads the settings.
import type { ProbeProxy } from '../vcd';

export interface ProxySettings {
  /** `http.proxySupport` */
  support?: string;
  /** `http.proxy` */
  proxy?: string;
  /** `http.noProxy` */
  noProxy?: readonly string[];
  /** `http.proxyAuthorization` */
  authorization?: string;
  /** The extension host's environment (HTTPS_PROXY, NO_PROXY, …). */
  env: Readonly<Record<string, string | undefined>>;
}

const ALWAYS_DIRECT = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when `host:port` matches one of the no-proxy entries (`*`, `example.com`, `.example.com`, `host:port`). */
export function bypassesProxy(entries: readonly string[], hostname: string, port: string): boolean {
  const list = entries.map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
  if (list.includes('*')) return true;
  const host = `.${hostname.toLowerCase()}`;
  return list.some((entry) => {
    const colon = entry.lastIndexOf(':');
    const hasPort = colon > 0 && !entry.includes(']') ? /^\d+$/.test(entry.slice(colon + 1)) : false;
    const name = hasPort ? entry.slice(0, colon) : entry;
    const domain = name.startsWith('.') ? name : `.${name}`;
    return host.endsWith(domain) && (!hasPort || entry.slice(colon + 1) === port);
  });
}

/** The proxy VS Code would use for `targetUrl`, or undefined for a direct connection. */
export function proxyRoute(targetUrl: string, settings: ProxySettings): ProbeProxy | undefined {
  if (settings.support === 'off') return undefined;
  const url = new URL(targetUrl);
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (ALWAYS_DIRECT.has(hostname)) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const configured = (settings.noProxy ?? []).filter((e) => e.trim() !== '');
  const noProxy = configured.length > 0 ? configured : (settings.env.no_proxy ?? settings.env.NO_PROXY ?? '').split(',');
  if (bypassesProxy(noProxy, hostname, port)) return undefined;
  const env = settings.env;
  const proxy = [settings.proxy, env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY].map((p) => p?.trim()).find((p) => p && p.includes('://'));
  if (proxy === undefined) return undefined;
  return settings.authorization ? { url: proxy, authorization: settings.authorization } : { url: proxy };
}
