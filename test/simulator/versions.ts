// API versions the simulator serves, the /api/versions document and the Accept-header version gate.

export const DEFAULT_SUPPORTED = ['36.0', '36.1', '36.2', '36.3', '37.0', '37.1', '37.2', '37.3', '38.0', '38.1', '39.0', '39.1'];
/** Served on /api but deprecated; removed from CloudAPI (which answers 405 for them). */
export const DEFAULT_DEPRECATED = ['33.0', '34.0', '35.0', '35.2'];

export interface VersionTable {
  supported: string[];
  deprecated: string[];
}

function num(v: string): number {
  const [a, b] = v.split('.');
  return Number(a) * 1000 + Number(b ?? 0);
}

export function isKnownVersionSyntax(v: string): boolean {
  return /^\d+\.\d+$/.test(v);
}

/** The document VCD returns: deprecated first, then the served ones, and 5.5 last (not sorted). */
export function versionsXml(table: VersionTable, base: string): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<SupportedVersions xmlns="http://www.vmware.com/vcloud/versions" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.vmware.com/vcloud/versions ' + base + '/api/versions/schema/versions.xsd">'];
  const entry = (v: string, deprecated: boolean, mediaTypes: boolean): void => {
    out.push(`    <VersionInfo deprecated="${deprecated}">`);
    out.push(`        <Version>${v}</Version>`);
    if (num(v) >= 36000) {
      out.push(`        <LoginUrl>${base}/cloudapi/1.0.0/sessions</LoginUrl>`);
      out.push(`        <ProviderLoginUrl>${base}/cloudapi/1.0.0/sessions/provider</ProviderLoginUrl>`);
    } else {
      out.push(`        <LoginUrl>${base}/api/sessions</LoginUrl>`);
    }
    if (mediaTypes) {
      for (const [mt, name, xsd] of [
        ['application/vnd.vmware.vcloud.error+xml', 'ErrorType', 'common.xsd'],
        ['application/vnd.vmware.vcloud.query.records+xml', 'QueryResultRecordsType', 'vcloud.xsd'],
        ['application/vnd.vmware.vcloud.vm+xml', 'VmType', 'vcloud.xsd'],
      ]) {
        out.push('        <MediaTypeMapping>', `            <MediaType>${mt}</MediaType>`, `            <ComplexTypeName>${name}</ComplexTypeName>`,
          `            <SchemaLocation>${base}/api/v1.5/schema/${xsd}</SchemaLocation>`, '        </MediaTypeMapping>');
      }
    }
    out.push('    </VersionInfo>');
  };
  for (const v of table.deprecated) entry(v, true, false);
  // Served versions in server order, with one pair swapped as real servers do not promise an order.
  const served = [...table.supported];
  if (served.length > 3) [served[1], served[2]] = [served[2], served[1]];
  for (const v of served) entry(v, false, false);
  entry('5.5', true, true);
  out.push('</SupportedVersions>');
  return out.join('\n') + '\n';
}

/** The list in the 406 text: newest first, deprecated marked `[D]`. */
export function versionsListText(table: VersionTable): string {
  const all = [...table.supported.map((v) => ({ v, d: false })), ...table.deprecated.map((v) => ({ v, d: true }))];
  all.sort((a, b) => num(b.v) - num(a.v));
  return '[' + all.map((x) => (x.d ? `${x.v} [D]` : x.v)).join(', ') + ']';
}

export function notAcceptableMessage(table: VersionTable): string {
  return `The request has invalid accept header: Invalid API version requested. Supported API versions are: ${versionsListText(table)} ([D] indicates deprecated versions)`;
}

/** `version=` parameter of an Accept header (first media range that has one). */
export function versionFromAccept(accept: string | undefined): string | undefined {
  if (!accept) return undefined;
  const m = /;\s*version\s*=\s*"?([^;,\s"]*)"?/i.exec(accept);
  return m ? m[1] : undefined;
}

export type GateResult = { ok: true; version: string } | { ok: false; status: 405 | 406 };

export function gateLegacy(table: VersionTable, version: string | undefined): GateResult {
  if (version && (table.supported.includes(version) || table.deprecated.includes(version))) return { ok: true, version };
  return { ok: false, status: 406 };
}

export function gateCloudApi(table: VersionTable, version: string | undefined): GateResult {
  if (version && table.supported.includes(version)) return { ok: true, version };
  if (version && isKnownVersionSyntax(version)) {
    const min = Math.min(...table.supported.map(num));
    if (num(version) < min && (table.deprecated.includes(version) || num(version) >= 20000)) return { ok: false, status: 405 };
  }
  return { ok: false, status: 406 };
}

/** Highest supported version (for responses that carry no negotiated version). */
export function highest(table: VersionTable): string {
  return [...table.supported].sort((a, b) => num(b) - num(a))[0];
}
