// Requests written by a person (request files, `*.vcd-http`), as the client sends them: GET, POST, PUT or DELETE to an
// /api or /cloudapi path of the site, with the file's headers and body. Such a request never names a host (the site
// does), never carries a credential (the client adds the session's token) and never sets what the HTTP layer sets.
// Its answer comes back whatever its status, with the token masked out of everything in it.
import { acceptFor, isCloudApiPath, isLegacyApiPath } from './accept';
import { VcdError } from './errors';
import type { HttpResponse } from './http';
import { toRawResponse } from './raw';
import { maskSecrets, redactWith } from './redact';
import type { RawResponse } from './types';

export const API_REQUEST_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type ApiRequestMethod = (typeof API_REQUEST_METHODS)[number];
export const MAX_REQUEST_HEADERS = 50;
export const MAX_REQUEST_BODY_CHARS = 1024 * 1024;
const MAX_PATH_CHARS = 8192;

export interface ApiRequest {
  method: string;
  /** `/api/...` or `/cloudapi/...`, with its query: a path, never a URL with a host. */
  path: string;
  headers?: readonly (readonly [string, string])[];
  body?: string;
}

export interface PreparedRequest {
  method: ApiRequestMethod;
  url: URL;
  /** `Accept` and `Content-Type` under these names, whatever case the file wrote. */
  headers: Record<string, string>;
  body?: string;
}

/** Credentials (the client adds the token) and what the HTTP layer sets itself. */
const REFUSED = /^(authorization|proxy-authorization|x-vcloud-authorization|x-vmware-vcloud-access-token|cookie|host|content-length|transfer-encoding|connection)$/i;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const invalid = (message: string): VcdError => new VcdError('invalidInput', message);

/** Checks a request and resolves its path on the site; throws VcdError invalidInput (nothing is sent) when it may not go. */
export function prepareApiRequest(baseUrl: string, request: ApiRequest): PreparedRequest {
  const method = request.method.toUpperCase() as ApiRequestMethod;
  if (!API_REQUEST_METHODS.includes(method)) throw invalid(`The method must be GET, POST, PUT or DELETE, not “${method.slice(0, 20)}”.`);
  const path = request.path.trim();
  const base = new URL(baseUrl);
  // A URL, or `//host`, would name a host: the site gives it. `..` segments are resolved first: what is checked is sent.
  const url = /^[/\\]{2}|^[a-z][a-z0-9+.-]*:/i.test(path) || path.length > MAX_PATH_CHARS || /\s/.test(path) || CONTROL.test(path) ? undefined : new URL(path, base);
  if (!path.startsWith('/') || url?.origin !== base.origin || (!isLegacyApiPath(url.pathname) && !isCloudApiPath(url.pathname))) {
    throw invalid(`Write a path of the site that starts with /api/ or /cloudapi/ (no host), not “${path.slice(0, 80)}”.`);
  }
  const given = request.headers ?? [];
  if (given.length > MAX_REQUEST_HEADERS) throw invalid(`A request may have at most ${MAX_REQUEST_HEADERS} headers.`);
  const headers: Record<string, string> = {};
  for (const [rawName, value] of given) {
    const name = /^accept$/i.test(rawName) ? 'Accept' : /^content-type$/i.test(rawName) ? 'Content-Type' : rawName;
    if (!TOKEN.test(name) || CONTROL.test(value)) throw invalid(`“${name.slice(0, 40)}” is not a valid header.`);
    // The request goes with the site's own sign-in: a credential never belongs in a file.
    if (REFUSED.test(name)) throw invalid(`A request file may not set ${name}: sending sets it.`);
    headers[name] = value.trim();
  }
  if (request.body !== undefined && request.body.length > MAX_REQUEST_BODY_CHARS) throw invalid('The body is larger than 1 MB.');
  if (request.body !== undefined && headers['Content-Type'] === undefined && isCloudApiPath(url.pathname)) headers['Content-Type'] = 'application/json';
  return { method, url, headers, body: request.body };
}

/**
 * The Accept sent: the file's, with `;version=` of the negotiated version added when it names none; without one, XML
 * for /api and JSON for /cloudapi.
 */
export function acceptWithVersion(given: string | undefined, pathname: string, version: string): string {
  if (given === undefined || given === '') return acceptFor(pathname, version);
  return /;\s*version\s*=/i.test(given) ? given : `${given};version=${version}`;
}

/** The answer as a raw response: the request's method and line; every text in it without the token it was sent with. */
export function sentResponse(res: HttpResponse, method: ApiRequestMethod, accept: string, apiVersion: string): RawResponse {
  const raw = toRawResponse(res, accept, apiVersion);
  const mask = (text: string): string => maskSecrets(text, res.secrets);
  raw.method = method;
  raw.requestLine = `${method} ${res.url} HTTP/1.1`;
  raw.statusText = mask(raw.statusText);
  // An error's text is redacted like every error the client shows (a server may echo what it was sent); a document
  // stays as it is, but for the token.
  raw.body = res.status >= 200 && res.status < 300 ? mask(res.body) : redactWith(res.body, res.secrets);
  if (raw.contentType !== undefined) raw.contentType = mask(raw.contentType);
  if (raw.requestId !== undefined) raw.requestId = redactWith(raw.requestId, res.secrets);
  if (res.headers.location !== undefined) raw.location = mask(res.headers.location);
  return raw;
}
