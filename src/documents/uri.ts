// Pure codec of `vcd-api` document URIs: vcd-api:/<siteId>/<api path>.<format>?format=<format>[&q=<api query>]
// The last path segment plus `.xml`/`.json` labels the tab and picks the language mode.
// Works on decoded URI components (vscode.Uri.from / uri.path / uri.query), so no vscode import.

export type DocumentFormat = 'xml' | 'json';

export interface ApiDocumentRef {
  siteId: string;
  /** `/api/...` or `/cloudapi/...`, with its own query string if any. */
  apiPath: string;
  format: DocumentFormat;
}

export interface UriComponents {
  path: string;
  query: string;
}

export function toUriComponents(ref: ApiDocumentRef): UriComponents {
  const q = ref.apiPath.indexOf('?');
  const pathPart = q >= 0 ? ref.apiPath.slice(0, q) : ref.apiPath;
  const apiQuery = q >= 0 ? ref.apiPath.slice(q + 1) : '';
  const params = new URLSearchParams({ format: ref.format });
  if (apiQuery) params.set('q', apiQuery);
  return { path: `/${encodeURIComponent(ref.siteId)}${pathPart}.${ref.format}`, query: params.toString() };
}

export function fromUriComponents(c: UriComponents): ApiDocumentRef {
  const params = new URLSearchParams(c.query);
  const format = params.get('format');
  if (format !== 'xml' && format !== 'json') throw new Error(`Not a vcd-api document: format "${format ?? ''}"`);
  const match = /^\/([^/]+)(\/.*)$/.exec(c.path);
  if (!match) throw new Error(`Not a vcd-api document: path "${c.path}"`);
  const siteId = decodeURIComponent(match[1]);
  let pathPart = match[2];
  const suffix = `.${format}`;
  if (!pathPart.endsWith(suffix)) throw new Error(`Not a vcd-api document: "${c.path}" does not end in ${suffix}`);
  pathPart = pathPart.slice(0, -suffix.length);
  const apiQuery = params.get('q');
  return { siteId, apiPath: apiQuery ? `${pathPart}?${apiQuery}` : pathPart, format };
}

/**
 * Checks what a person typed as an API path: `/api/...` or `/cloudapi/...`, no host, no `..`, no spaces.
 * Returns a problem sentence or undefined.
 */
export function apiPathProblem(input: string): string | undefined {
  const path = input.trim();
  if (path === '') return 'Enter a path such as /api/org or /cloudapi/1.0.0/sessions/current.';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return 'Enter only the path (starting with /api/ or /cloudapi/), not a full URL.';
  if (!/^\/(api|cloudapi)(\/|$|\?)/.test(path)) return 'The path must start with /api/ or /cloudapi/.';
  if (/\s/.test(path)) return 'The path may not contain spaces.';
  if (/(^|\/)\.\.?(\/|$|\?)/.test(path.split('?')[0])) return 'The path may not contain "." or ".." segments.';
  return undefined;
}

/** The API path of an href on the site (`https://host/api/vApp/vm-1` -> `/api/vApp/vm-1`); undefined if another host. */
export function apiPathOfHref(href: string, baseUrl: string): string | undefined {
  let url: URL;
  let base: URL;
  try {
    url = new URL(href, baseUrl);
    base = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin) return undefined;
  return url.pathname + url.search;
}
