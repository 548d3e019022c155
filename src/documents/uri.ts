// Pure codec of `vcd-api` document URIs:
//   vcd-api:/<siteId>/<label>.<format>?format=<format>&path=<api path with its query>
// The label (the resource's name, e.g. "db (primary)", else the last segment of the API path) plus `.xml`/`.json`
// is what the tab shows and picks the language mode; the resource itself is the site + API path + format, so
// two URIs with different labels can name the same resource (see sameResource).
// Works on decoded URI components (vscode.Uri.from / uri.path / uri.query), so no vscode import.

export type DocumentFormat = 'xml' | 'json';

export interface ApiDocumentRef {
  siteId: string;
  /** `/api/...` or `/cloudapi/...`, with its own query string if any. */
  apiPath: string;
  format: DocumentFormat;
  /** What the tab is called (without the extension); defaults to the last segment of the API path. */
  label?: string;
}

export interface UriComponents {
  path: string;
  query: string;
}

const MAX_LABEL = 80;

/** The last segment of the API path without its query: `/api/vApp/vm-1?x` -> `vm-1`. */
export function lastSegment(apiPath: string): string {
  const segments = apiPath.split('?')[0].split('/').filter(Boolean);
  return segments[segments.length - 1] ?? 'api';
}

/** A tab label from a name the server gave: one path segment, no control characters, not too long. */
export function tabLabel(name: string | undefined, apiPath: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = (name ?? '').replace(/[/\\\u0000-\u001f\u007f]+/g, '-').replace(/\s+/g, ' ').trim();
  const label = cleaned === '' || cleaned === '.' || cleaned === '..' ? lastSegment(apiPath) : cleaned;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

export function toUriComponents(ref: ApiDocumentRef): UriComponents {
  const params = new URLSearchParams({ format: ref.format, path: ref.apiPath });
  return { path: `/${encodeURIComponent(ref.siteId)}/${tabLabel(ref.label, ref.apiPath)}.${ref.format}`, query: params.toString() };
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
  const apiPath = params.get('path');
  if (apiPath !== null) {
    if (!/^\/(api|cloudapi)(\/|$|\?)/.test(apiPath)) throw new Error(`Not a vcd-api document: API path "${apiPath}"`);
    return { siteId, apiPath, format, label: pathPart.slice(1) };
  }
  // Earlier form (tabs restored from before names were used): the API path is the URI path, its query in `q`.
  if (!/^\/(api|cloudapi)(\/|$)/.test(pathPart)) throw new Error(`Not a vcd-api document: path "${c.path}"`);
  const apiQuery = params.get('q');
  return { siteId, apiPath: apiQuery ? `${pathPart}?${apiQuery}` : pathPart, format, label: lastSegment(pathPart) };
}

/** Same site, API path and format: the same resource, whatever the tabs are called. */
export function sameResource(a: ApiDocumentRef, b: ApiDocumentRef): boolean {
  return a.siteId === b.siteId && a.apiPath === b.apiPath && a.format === b.format;
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
