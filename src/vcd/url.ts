// Site URL handling: what the user types becomes `https://host[:port]`; hrefs from the server must stay on that host.
import { VcdError } from './errors';

const LOOPBACK = new Set(['localhost', '[::1]', '::1']);

/** True for 127.0.0.0/8, localhost and ::1 (the only hosts plain http:// is allowed for: the local simulator). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * "vcd.example.com" -> "https://vcd.example.com". Accepts a bare host, host:port, or an https URL; a path such as
 * `/tenant/acme` or `/api` is dropped. Plain http is refused except for a loopback host (the local simulator).
 */
export function normaliseBaseUrl(input: string): string {
  const text = input.trim();
  if (text === '') {
    throw new VcdError('invalidInput', 'Enter the address of the Cloud Director site, for example vcd.example.com.');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new VcdError('invalidInput', `“${text}” is not a valid site address. Enter a host name such as vcd.example.com.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new VcdError('invalidInput', 'The site address must not contain a user name or password.');
  }
  if (url.hostname === '') {
    throw new VcdError('invalidInput', `“${text}” has no host name.`);
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new VcdError('invalidInput', `Cloud Director sites must use https://. “${url.host}” was given with http://.`);
    }
  } else if (url.protocol !== 'https:') {
    throw new VcdError('invalidInput', `Unsupported address scheme “${url.protocol}”. Use https://.`);
  }
  return `${url.protocol}//${url.host.toLowerCase()}`;
}

/** 'System' in any case: the provider organization. */
export function isSystemOrg(org: string): boolean {
  return org.trim().toLowerCase() === 'system';
}

/** The host part shown in messages (`vcd.example.com` or `127.0.0.1:8443`). */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/**
 * Resolves a path ('/api/...', '/cloudapi/...') or an absolute href against the site. An href on another host,
 * port or scheme is refused: the access token must never be sent elsewhere.
 */
export function resolveSameHost(baseUrl: string, pathOrHref: string): URL {
  const base = new URL(baseUrl);
  let url: URL;
  try {
    url = /^[a-z][a-z0-9+.-]*:/i.test(pathOrHref) ? new URL(pathOrHref) : new URL(pathOrHref.startsWith('/') ? pathOrHref : `/${pathOrHref}`, base);
  } catch {
    throw new VcdError('invalidInput', `“${pathOrHref}” is not a valid API path.`);
  }
  if (url.protocol !== base.protocol || url.host.toLowerCase() !== base.host.toLowerCase()) {
    throw new VcdError('invalidInput', `The link points to ${url.host || url.protocol}, not to ${base.host}; it was not followed.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new VcdError('invalidInput', 'API links must not contain a user name or password.');
  }
  return url;
}
