// The token service: API token (SecretStore) -> access token (memory only), per site.
// - reused until `expires_in - refreshMarginSeconds`;
// - single-flight: N concurrent callers share one exchange;
// - a 401 invalidates the token it was sent with (only if that is still the current one);
// - invalid_grant (a well-formed OAuth rejection, kind tokenRejected) marks the stored API token rejected: further
//   calls fail at once, without a request, until a token is stored (even the same one: the person says it is good),
//   the stored token changes (compared by hash), or forget() (another window stored one); no retry loop;
// - every other failure (network, timeout, 5xx, an empty 400/401 or a web page from a proxy: exchangeFailed) leaves
//   the state alone and is retried by the next call only.
import { createHash } from 'node:crypto';
import { apiTokenKey, SecretStore } from './secretStore';
import { AccessTokenGrant, AccessTokenSource, ConnectionOptions, VcdError, exchangeApiToken, hostOf, isVcdError } from '../vcd';
import { raceWithSignal } from '../vcd/abort';

export interface SiteCredentials {
  siteId: string;
  conn: ConnectionOptions;
  org: string;
}

export type TokenState = 'unknown' | 'ok' | 'missing' | 'rejected';

export interface TokenServiceOptions {
  secrets: SecretStore;
  exchange?: typeof exchangeApiToken;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** Refresh this many seconds before `expires_in` runs out (default 60). */
  refreshMarginSeconds?: number;
}

interface SiteEntry {
  /** siteId + baseUrl + org: a token is only reused for the same endpoint and organization. */
  key: string;
  /** Bumped whenever the stored API token or the site changes: results of older exchanges are not kept. */
  generation: number;
  accessToken?: string;
  expiresAt?: number;
  inflight?: Promise<string>;
  /** sha256 of the API token the server rejected, and the error it gave. */
  rejected?: { hash: string; error: VcdError };
  state: TokenState;
}

function hashOf(apiToken: string): string {
  return createHash('sha256').update(apiToken, 'utf8').digest('hex');
}

function keyOf(site: SiteCredentials): string {
  return `${site.siteId}\n${site.conn.baseUrl.toLowerCase()}\n${site.org.trim().toLowerCase()}`;
}

export class TokenService {
  private readonly secrets: SecretStore;
  private readonly exchange: typeof exchangeApiToken;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly sites = new Map<string, SiteEntry>();
  private readonly listeners = new Set<(siteId: string, state: TokenState) => void>();

  constructor(opts: TokenServiceOptions) {
    this.secrets = opts.secrets;
    this.exchange = opts.exchange ?? exchangeApiToken;
    this.now = opts.now ?? Date.now;
    this.marginMs = Math.max(0, opts.refreshMarginSeconds ?? 60) * 1000;
  }

  /** The AccessTokenSource a VcdClient for this site takes. */
  source(site: SiteCredentials): AccessTokenSource {
    return {
      getAccessToken: (signal?: AbortSignal) => this.getAccessToken(site, signal),
      invalidate: (accessToken: string) => this.invalidate(site.siteId, accessToken),
    };
  }

  /** A valid access token for the site: cached, or from one shared exchange. */
  getAccessToken(site: SiteCredentials, signal?: AbortSignal): Promise<string> {
    const entry = this.entryFor(site);
    if (entry.accessToken !== undefined && entry.expiresAt !== undefined && this.now() < entry.expiresAt) {
      return raceWithSignal(Promise.resolve(entry.accessToken), signal);
    }
    if (entry.inflight === undefined) {
      const inflight = this.runExchange(site, entry);
      entry.inflight = inflight;
      const clear = (): void => {
        if (entry.inflight === inflight) {
          entry.inflight = undefined;
        }
      };
      inflight.then(clear, clear);
    }
    return raceWithSignal(entry.inflight, signal);
  }

  /** The server answered 401 to `accessToken`: forget it if it is still the current one (or any, without one). */
  invalidate(siteId: string, accessToken?: string): void {
    const entry = this.sites.get(siteId);
    if (entry === undefined) {
      return;
    }
    if (accessToken === undefined || entry.accessToken === accessToken) {
      entry.accessToken = undefined;
      entry.expiresAt = undefined;
    }
  }

  getApiToken(siteId: string): Promise<string | undefined> {
    return this.secrets.get(apiTokenKey(siteId));
  }

  /**
   * Stores an API token; the cached access token and a rejection are dropped (also for the same token string: the
   * person vouches for it, e.g. after the server was fixed) and the state becomes 'unknown'.
   */
  async setApiToken(siteId: string, apiToken: string): Promise<void> {
    const clean = apiToken.trim();
    if (clean === '') {
      throw new VcdError('invalidInput', 'The API token is empty.');
    }
    await this.secrets.store(apiTokenKey(siteId), clean);
    this.reset(siteId, 'unknown');
  }

  /**
   * Stores an API token that was just exchanged (Add Site checks it that way) and keeps the access token that exchange
   * gave, so the site's first listing does not exchange the API token a second time.
   */
  async setVerifiedApiToken(site: SiteCredentials, apiToken: string, grant: AccessTokenGrant): Promise<void> {
    await this.setApiToken(site.siteId, apiToken);
    this.keep(site.siteId, this.entryFor(site), grant);
  }

  async deleteApiToken(siteId: string): Promise<void> {
    await this.secrets.delete(apiTokenKey(siteId));
    this.reset(siteId, 'missing');
  }

  /** Drops the in-memory access token and a rejection (e.g. the SecretStorage changed in another window). */
  forget(siteId: string): void {
    this.reset(siteId, 'unknown');
  }

  state(siteId: string): TokenState {
    return this.sites.get(siteId)?.state ?? 'unknown';
  }

  onDidChangeState(listener: (siteId: string, state: TokenState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private entryFor(site: SiteCredentials): SiteEntry {
    const key = keyOf(site);
    let entry = this.sites.get(site.siteId);
    if (entry === undefined) {
      entry = { key, generation: 0, state: 'unknown' };
      this.sites.set(site.siteId, entry);
    } else if (entry.key !== key) {
      // Same site id, other endpoint or organization: nothing cached applies any more.
      entry.key = key;
      entry.generation++;
      entry.accessToken = undefined;
      entry.expiresAt = undefined;
      entry.inflight = undefined;
      entry.rejected = undefined;
    }
    return entry;
  }

  private reset(siteId: string, state: TokenState): void {
    const entry = this.sites.get(siteId);
    if (entry === undefined) {
      this.sites.set(siteId, { key: '', generation: 1, state });
      this.emit(siteId, state);
      return;
    }
    entry.generation++;
    entry.accessToken = undefined;
    entry.expiresAt = undefined;
    entry.inflight = undefined;
    entry.rejected = undefined;
    this.setState(siteId, entry, state);
  }

  private async runExchange(site: SiteCredentials, entry: SiteEntry): Promise<string> {
    const generation = entry.generation;
    const apiToken = (await this.secrets.get(apiTokenKey(site.siteId)))?.trim();
    if (apiToken === undefined || apiToken === '') {
      if (entry.generation === generation) {
        this.setState(site.siteId, entry, 'missing');
      }
      throw new VcdError('noToken', `No API token is stored for ${hostOf(site.conn.baseUrl)} (organization “${site.org}”).`);
    }
    const hash = hashOf(apiToken);
    if (entry.rejected !== undefined && entry.rejected.hash === hash) {
      // The same token was already refused: say so again without asking the server.
      const previous = entry.rejected.error;
      throw new VcdError('tokenRejected', previous.message, { status: previous.status, code: previous.code, serverMessage: previous.serverMessage });
    }
    let grant: AccessTokenGrant;
    try {
      grant = await this.exchange(site.conn, site.org, apiToken);
    } catch (err) {
      if (isVcdError(err, 'tokenRejected') && entry.generation === generation) {
        entry.rejected = { hash, error: err };
        entry.accessToken = undefined;
        entry.expiresAt = undefined;
        this.setState(site.siteId, entry, 'rejected');
      }
      throw err;
    }
    if (entry.generation === generation) this.keep(site.siteId, entry, grant);
    return grant.accessToken;
  }

  private keep(siteId: string, entry: SiteEntry, grant: AccessTokenGrant): void {
    entry.rejected = undefined;
    entry.accessToken = grant.accessToken;
    const ttlMs = Math.max(0, grant.expiresIn * 1000);
    // A lifetime shorter than twice the margin (odd server settings): refresh at half-time instead.
    const lifetimeMs = ttlMs > 2 * this.marginMs ? ttlMs - this.marginMs : ttlMs / 2;
    entry.expiresAt = this.now() + lifetimeMs;
    this.setState(siteId, entry, 'ok');
  }

  private setState(siteId: string, entry: SiteEntry, state: TokenState): void {
    if (entry.state === state) {
      return;
    }
    entry.state = state;
    this.emit(siteId, state);
  }

  private emit(siteId: string, state: TokenState): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(siteId, state);
      } catch {
        // one failing listener must not break the others or the caller
      }
    }
  }
}
