// The one typed reader of the extension's settings (declared in package.json contributes.configuration).
// Pure: it reads through a small `get` function so plain-Node tests can hold it against package.json.
import { isSystemOrg, normaliseBaseUrl } from '../vcd';

/** One entry of the `vcd.sites` setting as the user writes it. */
export interface SiteSetting {
  name: string;
  url: string;
  org: string;
  trust?: { pinnedFingerprint256?: string; caFile?: string };
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
  trust?: { pinnedFingerprint256?: string; caFile?: string };
}

export type ResponseFormat = 'xml' | 'json';

export interface Settings {
  sites: Site[];
  /** Problems found in the `vcd.sites` entries (shown in the log; the entry is skipped). */
  siteProblems: string[];
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

/** Validates one `vcd.sites` entry; returns the site or a problem sentence. */
export function parseSite(entry: unknown, index: number): Site | string {
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
  if (typeof e.trust === 'object' && e.trust !== null) {
    const t = e.trust as Record<string, unknown>;
    const trust: Site['trust'] = {};
    const pin = str(t.pinnedFingerprint256);
    const caFile = str(t.caFile);
    if (pin) trust.pinnedFingerprint256 = pin.toUpperCase();
    if (caFile) trust.caFile = caFile;
    if (pin || caFile) site.trust = trust;
  }
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
  if (Array.isArray(rawSites)) {
    const seen = new Set<string>();
    rawSites.forEach((entry, i) => {
      const parsed = parseSite(entry, i);
      if (typeof parsed === 'string') siteProblems.push(parsed);
      else if (seen.has(parsed.id)) siteProblems.push(`vcd.sites[${i}] repeats ${parsed.url} / ${parsed.org}.`);
      else {
        seen.add(parsed.id);
        sites.push(parsed);
      }
    });
  } else if (rawSites !== undefined) {
    siteProblems.push('vcd.sites is not an array.');
  }
  const apiVersion = str(get('apiVersion'));
  const format = get('responseFormat');
  return {
    sites,
    siteProblems,
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
  if (site.trust && (site.trust.pinnedFingerprint256 || site.trust.caFile)) entry.trust = { ...site.trust };
  return entry;
}
