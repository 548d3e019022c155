// API version discovery (GET /api/versions) and negotiation.
import { VcdError } from './errors';
import { HttpTransport } from './http';
import { errorFromResponse, malformedResponse } from './mapError';
import { ConnectionOptions, VersionInfo } from './types';
import { XmlSyntaxError, attr, childElements, childText, parseXml, rootElement } from './xml';
import { hostOf } from './url';

/**
 * Versions this client speaks, oldest first: API tokens need 36.1 (VCD 10.3.1); 36.0 is kept for query-only use.
 * 40.x (VCF Automation) is not listed: its API differs.
 */
export const CLIENT_VERSIONS: readonly string[] = ['36.0', '36.1', '36.2', '36.3', '37.0', '37.1', '37.2', '37.3', '38.0', '38.1', '39.0', '39.1'];

/** Numeric comparison of dotted versions ('37.10' > '37.2'); non-numeric parts (alpha) sort lowest. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number(pa[i] ?? '0');
    const y = Number(pb[i] ?? '0');
    const nx = Number.isFinite(x) ? x : -1;
    const ny = Number.isFinite(y) ? y : -1;
    if (nx !== ny) {
      return nx - ny;
    }
  }
  return 0;
}

/** Reads a SupportedVersions document. */
export function parseVersions(xml: string): VersionInfo[] {
  const { name, element } = rootElement(parseXml(xml, ['VersionInfo']));
  if (name !== 'SupportedVersions') {
    throw new XmlSyntaxError(`Expected SupportedVersions, got ${name}.`);
  }
  const out: VersionInfo[] = [];
  for (const info of childElements(element, 'VersionInfo')) {
    const version = childText(info, 'Version')?.trim();
    if (version === undefined || version === '') {
      continue;
    }
    const entry: VersionInfo = { version, deprecated: attr(info, 'deprecated') === 'true' };
    const login = childText(info, 'LoginUrl');
    const provider = childText(info, 'ProviderLoginUrl');
    if (login) {
      entry.loginUrl = login;
    }
    if (provider) {
      entry.providerLoginUrl = provider;
    }
    out.push(entry);
  }
  return out;
}

/**
 * The highest version that the server lists as not deprecated and this client speaks. With an override ('38.0'),
 * that version if the server lists it at all. Throws VcdError('versionMismatch') when there is none.
 */
export function negotiateVersion(server: VersionInfo[], override?: string, host = 'The server'): string {
  const wanted = override?.trim();
  if (wanted !== undefined && wanted !== '' && wanted.toLowerCase() !== 'auto') {
    if (server.some((v) => v.version === wanted)) {
      return wanted;
    }
    throw new VcdError(
      'versionMismatch',
      `${host} does not serve API version ${wanted}. It serves ${summarise(server)}. Choose one of those for this site, or let it be negotiated automatically.`,
    );
  }
  const ours = new Set(CLIENT_VERSIONS);
  const common = server.filter((v) => !v.deprecated && ours.has(v.version)).map((v) => v.version);
  if (common.length === 0) {
    throw new VcdError(
      'versionMismatch',
      `${host} serves API versions ${summarise(server)}, and this extension needs one of ${CLIENT_VERSIONS[0]}–${CLIENT_VERSIONS[CLIENT_VERSIONS.length - 1]} (Cloud Director 10.3 to 10.6).`,
    );
  }
  return common.sort(compareVersions)[common.length - 1];
}

function summarise(server: VersionInfo[]): string {
  const live = server.filter((v) => !v.deprecated).map((v) => v.version).sort(compareVersions);
  if (live.length === 0) {
    return 'no current versions';
  }
  return live.length === 1 ? live[0] : `${live[0]} to ${live[live.length - 1]}`;
}

/** GET /api/versions (no authentication). notVcd when the answer is not a VCD version list. */
export async function fetchVersionsWith(transport: HttpTransport, signal?: AbortSignal): Promise<VersionInfo[]> {
  const res = await transport.send({ method: 'GET', url: '/api/versions', headers: { Accept: 'application/*+xml' }, signal, operation: 'versions' });
  const ctx = transport.context(res, { operation: 'versions' });
  if (res.status < 200 || res.status >= 300) {
    const err = errorFromResponse(res, ctx);
    if (res.status === 404 || res.status === 401 || res.status === 403) {
      throw new VcdError(
        'notVcd',
        `${hostOf(transport.baseUrl)} has no Cloud Director API at /api/versions (HTTP ${res.status}). Check the site address.`,
        { status: res.status, requestId: res.requestId, request: res.request, serverMessage: err.serverMessage },
      );
    }
    throw err;
  }
  let versions: VersionInfo[];
  try {
    versions = parseVersions(res.body);
  } catch (cause) {
    const html = malformedResponse(res, ctx, 'a version list', cause);
    if (html.kind === 'notVcd') {
      throw html;
    }
    if (!res.body.trim().startsWith('<') || /<SupportedVersions/.test(res.body) === false) {
      throw new VcdError('notVcd', `${hostOf(transport.baseUrl)} answered /api/versions, but not like Cloud Director. Check the site address.`, {
        status: res.status,
        requestId: res.requestId,
        request: res.request,
      });
    }
    throw html;
  }
  if (versions.length === 0) {
    throw new VcdError('notVcd', `${hostOf(transport.baseUrl)} lists no API versions. Check the site address.`, { status: res.status, request: res.request });
  }
  return versions;
}

/** GET /api/versions on a one-off connection. */
export async function fetchVersions(conn: ConnectionOptions, signal?: AbortSignal): Promise<VersionInfo[]> {
  const transport = new HttpTransport(conn);
  try {
    return await fetchVersionsWith(transport, signal);
  } finally {
    transport.close();
  }
}
