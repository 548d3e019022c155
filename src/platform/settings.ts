// The one typed reader of the extension's settings (declared in package.json contributes.configuration).
// Pure: it reads through a small `get` function so plain-Node tests can hold it against package.json.
import { X509Certificate } from 'node:crypto';
import { isSystemOrg, normaliseBaseUrl, normaliseFingerprint } from '../vcd';

/** Certificate trust of one site, as the settings hold it. */
export interface SiteTrustSetting {
  /** PEM of the one server certificate the person trusted for this site (public; written by Trust This Certificate). */
  certificate?: string;
  /** Older settings: the fingerprint of the trusted certificate; replaced by `certificate` on the first connection. */
  pinnedFingerprint256?: string;
  /** A PEM file of CA certificates trusted for this site. */
  caFile?: string;
}

/** One entry of the `vcd.sites` setting as the user writes it. */
export interface SiteSetting {
  name: string;
  url: string;
  org: string;
  trust?: SiteTrustSetting;
}

/** A validated site. */
export interface Site {
  /** Stable id derived from URL and organization (lower-cased): the SecretStorage key and tree-id prefix. */
  id: string;
  name: string;
  /** As written in the settings. */
  url: string;
  /** Normalised `https://host[:port]`. */
  baseUrl: string;
  org: string;
  isSystem: boolean;
  trust?: SiteTrustSetting;
}

export type ResponseFormat = 'xml' | 'json';

export interface Settings {
  sites: Site[];
  /** Problems found in the `vcd.sites` entries (shown in the log; the entry is skipped). */
  siteProblems: string[];
  /** True when some `vcd.sites` entry could not be read at all (e.g. while it is being edited): its site is unknown. */
  unreadableSites: boolean;
  pageSize: number;
  concurrency: number;
  timeoutSeconds: number;
  /** `auto` or a version such as `38.0`. */
  apiVersion: string;
  responseFormat: ResponseFormat;
  maxChildren: number;
}

/** Defaults; must equal the defaults declared in package.json (a unit test checks). */
export const SettingDefaults = {
  sites: [] as SiteSetting[],
  pageSize: 128,
  concurrency: 8,
  timeoutSeconds: 30,
  apiVersion: 'auto',
  responseFormat: 'xml' as ResponseFormat,
  maxChildren: 2000,
};

/** Every key the reader reads (without the `vcd.` prefix). */
export const SettingKeys = Object.keys(SettingDefaults) as (keyof typeof SettingDefaults)[];

export type SettingGetter = (key: string) => unknown;

/** The stable site id: `<org>@<host[:port]>`, lower-cased. */
export function siteIdOf(baseUrl: string, org: string): string {
  const host = new URL(baseUrl).host;
  return `${org.trim()}@${host}`.toLowerCase();
}

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads a site's `trust` object; invalid parts are left out and reported. */
function parseTrust(value: unknown, index: number, problems: string[]): SiteTrustSetting | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Record<string, unknown>;
  const trust: SiteTrustSetting = {};
  const certificate = str(t.certificate);
  if (certificate) {
    try {
      new X509Certificate(certificate);
      trust.certificate = certificate;
    } catch {
      problems.push(`vcd.sites[${index}].trust.certificate is not a PEM certificate; it is ignored.`);
    }
  }
  const pin = str(t.pinnedFingerprint256);
  if (pin && !trust.certificate) {
    try {
      trust.pinnedFingerprint256 = normaliseFingerprint(pin);
    } catch {
      problems.push(`vcd.sites[${index}].trust.pinnedFingerprint256 is not a SHA-256 fingerprint (32 hexadecimal pairs); it is ignored.`);
    }
  }
  const caFile = str(t.caFile);
  if (caFile) trust.caFile = caFile;
  return trust.certificate || trust.pinnedFingerprint256 || trust.caFile ? trust : undefined;
}

/** Validates one `vcd.sites` entry; returns the site or a problem sentence. Problems with its trust go to `problems`. */
export function parseSite(entry: unknown, index: number, problems: string[] = []): Site | string {
  if (typeof entry !== 'object' || entry === null) return `vcd.sites[${index}] is not an object.`;
  const e = entry as Record<string, unknown>;
  const url = str(e.url);
  const org = str(e.org);
  if (!url) return `vcd.sites[${index}] has no "url".`;
  if (!org) return `vcd.sites[${index}] has no "org".`;
  let baseUrl: string;
  try {
    baseUrl = normaliseBaseUrl(url);
  } catch {
    return `vcd.sites[${index}]: "${url}" is not a valid https URL.`;
  }
  const site: Site = {
    id: siteIdOf(baseUrl, org),
    name: str(e.name) ?? defaultSiteName(baseUrl, org),
    url,
    baseUrl,
    org,
    isSystem: isSystemOrg(org),
  };
  const trust = parseTrust(e.trust, index, problems);
  if (trust) site.trust = trust;
  return site;
}

export function defaultSiteName(baseUrl: string, org: string): string {
  const host = new URL(baseUrl).hostname;
  return isSystemOrg(org) ? `${host} (System)` : `${org} @ ${host}`;
}

export function readSettings(get: SettingGetter): Settings {
  const rawSites = get('sites');
  const sites: Site[] = [];
  const siteProblems: string[] = [];
  let unreadableSites = false;
  if (Array.isArray(rawSites)) {
    const seen = new Set<string>();
    rawSites.forEach((entry, i) => {
      const parsed = parseSite(entry, i, siteProblems);
      if (typeof parsed === 'string') {
        siteProblems.push(parsed);
        unreadableSites = true;
      }
      else if (seen.has(parsed.id)) siteProblems.push(`vcd.sites[${i}] repeats ${parsed.url} / ${parsed.org}.`);
      else {
        seen.add(parsed.id);
        sites.push(parsed);
      }
    });
  } else if (rawSites !== undefined) {
    siteProblems.push('vcd.sites is not an array.');
    unreadableSites = true;
  }
  const apiVersion = str(get('apiVersion'));
  const format = get('responseFormat');
  return {
    sites,
    siteProblems,
    unreadableSites,
    pageSize: intIn(get('pageSize'), 1, 128, SettingDefaults.pageSize),
    concurrency: intIn(get('concurrency'), 1, 16, SettingDefaults.concurrency),
    timeoutSeconds: intIn(get('timeoutSeconds'), 1, 600, SettingDefaults.timeoutSeconds),
    apiVersion: apiVersion && (apiVersion === 'auto' || /^\d+\.\d+$/.test(apiVersion)) ? apiVersion : SettingDefaults.apiVersion,
    responseFormat: format === 'json' || format === 'xml' ? format : SettingDefaults.responseFormat,
    maxChildren: intIn(get('maxChildren'), 100, 100000, SettingDefaults.maxChildren),
  };
}

/** The settings entry for a site (what Add Site writes). */
export function toSiteSetting(site: Pick<Site, 'name' | 'url' | 'org' | 'trust'>): SiteSetting {
  const entry: SiteSetting = { name: site.name, url: site.url, org: site.org };
  const trust: SiteTrustSetting = {};
  if (site.trust?.certificate) trust.certificate = site.trust.certificate;
  else if (site.trust?.pinnedFingerprint256) trust.pinnedFingerprint256 = site.trust.pinnedFingerprint256;
  if (site.trust?.caFile) trust.caFile = site.trust.caFile;
  if (Object.keys(trust).length > 0) entry.trust = trust;
  return entry;
}
