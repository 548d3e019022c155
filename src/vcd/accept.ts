// The Accept header that carries the API version: legacy /api answers XML or JSON, CloudAPI always JSON.

export function isCloudApiPath(pathname: string): boolean {
  return pathname === '/cloudapi' || pathname.startsWith('/cloudapi/');
}

export function isLegacyApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** `application/*+xml;version=V`, `application/*+json;version=V`, or `application/json;version=V` for /cloudapi. */
export function acceptFor(pathname: string, version: string, format: 'xml' | 'json' = 'xml'): string {
  if (isCloudApiPath(pathname)) {
    return `application/json;version=${version}`;
  }
  return format === 'json' ? `application/*+json;version=${version}` : `application/*+xml;version=${version}`;
}

/** Media types this client reads or sends, for completions in request files (the version is added when sent). */
export const MEDIA_TYPES: readonly string[] = [
  'application/*+xml',
  'application/*+json',
  'application/json',
  ...['query.records', 'task', 'vApp', 'vm', 'org', 'orgList', 'error', 'undeployVAppParams'].flatMap((t) => [
    `application/vnd.vmware.vcloud.${t}+xml`,
    `application/vnd.vmware.vcloud.${t}+json`,
  ]),
];
