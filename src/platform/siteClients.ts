// One VcdClient per site, built from the settings and the token service, rebuilt when settings change.
import { readFileSync } from 'node:fs';
import type { TokenService } from '../auth';
import { VcdClient, type ConnectionOptions, type LogHook, type LogLevel, type ProbeProxy, type SiteTrust } from '../vcd';
import type { Settings, Site } from './settings';

export interface SiteClientsOptions {
  tokens: TokenService;
  log: LogHook;
  /** The HTTP proxy that requests to this URL take (VS Code's proxy settings), for the certificate probe. */
  probeProxy?: (baseUrl: string) => ProbeProxy | undefined;
  /** A site saved with only a pinned fingerprint: its certificate was read and matched the pin (store the PEM). */
  onCertificateLearned?: (site: Site, pem: string) => void;
  logLevel: () => LogLevel;
  userAgent: string;
  settings: () => Settings;
  /** A server (or a proxy in front of it) answered 429 and the client waits before its one retry: tell the person. */
  onRateLimited?: (info: { host: string; seconds: number }) => void;
}

export class SiteClients {
  private readonly clients = new Map<string, { client: VcdClient; key: string }>();

  constructor(private readonly options: SiteClientsOptions) {}

  /** How to reach a site (trust from its settings entry, timeout and API version from the settings). */
  connection(site: Pick<Site, 'baseUrl' | 'trust'>): ConnectionOptions {
    const settings = this.options.settings();
    return {
      baseUrl: site.baseUrl,
      trust: this.trustOf(site),
      timeoutMs: settings.timeoutSeconds * 1000,
      apiVersion: settings.apiVersion,
      log: this.options.log,
      logLevel: this.options.logLevel(),
      userAgent: this.options.userAgent,
      probeProxy: this.options.probeProxy?.(site.baseUrl),
      onRateLimited: this.options.onRateLimited,
    };
  }

  /** The client of a site; a new one when the site's settings changed. */
  client(site: Site): VcdClient {
    const settings = this.options.settings();
    const key = JSON.stringify([site.baseUrl, site.org, site.trust, settings.timeoutSeconds, settings.apiVersion, this.options.logLevel()]);
    const existing = this.clients.get(site.id);
    if (existing && existing.key === key) return existing.client;
    // The old client's pooled connections carry the old trust and timeout: close them.
    existing?.client.dispose();
    const conn = this.connection(site);
    const learned = this.options.onCertificateLearned;
    if (learned && site.trust?.pinnedFingerprint256) conn.onTrustedCertificate = (pem) => learned(site, pem);
    const client = new VcdClient(conn, this.options.tokens.source({ siteId: site.id, conn, org: site.org }));
    this.clients.set(site.id, { client, key });
    return client;
  }

  /** Drop (and close) the clients of sites that no longer exist. */
  prune(sites: Site[]): void {
    const ids = new Set(sites.map((s) => s.id));
    for (const [id, { client }] of [...this.clients]) {
      if (!ids.has(id)) {
        client.dispose();
        this.clients.delete(id);
      }
    }
  }

  /** The site's extra trust anchors: the certificate the person trusted and the CAs of `caFile` (read here). */
  private trustOf(site: Pick<Site, 'trust'>): SiteTrust | undefined {
    if (!site.trust) return undefined;
    const trust: SiteTrust = {};
    const anchors: string[] = [];
    if (site.trust.certificate) anchors.push(site.trust.certificate);
    else if (site.trust.pinnedFingerprint256) trust.pinnedFingerprint256 = site.trust.pinnedFingerprint256;
    if (site.trust.caFile) {
      try {
        anchors.push(readFileSync(site.trust.caFile, 'utf8'));
      } catch (err) {
        this.options.log({ level: 'warn', message: `Cannot read CA file ${site.trust.caFile}: ${(err as Error).message}` });
      }
    }
    if (anchors.length > 0) trust.caCertificates = anchors;
    return trust;
  }
}
