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
