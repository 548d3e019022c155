// Users, API tokens (OAuth refresh tokens), sessions and their access tokens (RS256 JWTs), with expiry and revocation.
import { createSign, generateKeyPairSync, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Inventory, Org, User } from './inventory';

export interface ApiToken {
  clientId: string;
  name: string;
  user: User;
  type: 'REFRESH' | 'PROXY';
  /** The secret string; undefined until the jwt-bearer grant handed it out. */
  secret?: string;
  /** The jwt-bearer grant was used (only once). */
  granted: boolean;
  revoked: boolean;
}

export interface Session {
  id: string;
  user: User;
  createdAt: number;
  lastUsed: number;
  expiresAt: number;
  /** Set when the session came from an API token exchange (restricted session). */
  fromToken?: ApiToken;
  ended: boolean;
  accessToken: string;
  /** The deprecated 32-character `x-vcloud-authorization` token of the same session. */
  legacyToken: string;
}

export interface AuthOptions {
  accessTokenTtlSeconds: number;
  idleTimeoutSeconds: number;
  revokeKillsSessions: boolean;
}

function base64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

export class AuthStore {
  private readonly key: KeyObject;
  private readonly tokensBySecret = new Map<string, ApiToken>();
  readonly tokens: ApiToken[] = [];
  private readonly sessionsByAccess = new Map<string, Session>();
  private readonly sessionsById = new Map<string, Session>();
  private readonly sessionsByLegacy = new Map<string, Session>();
  private skewMs = 0;

  constructor(private readonly inv: Inventory, private readonly opts: AuthOptions) {
    this.key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  now(): number {
    return Date.now() + this.skewMs;
  }

  advanceClock(ms: number): void {
    this.skewMs += ms;
  }

  get ttlSeconds(): number {
    return this.opts.accessTokenTtlSeconds;
  }

  get idleMinutes(): number {
    return Math.round(this.opts.idleTimeoutSeconds / 60);
  }

  findOrg(name: string): Org | undefined {
    const lower = name.toLowerCase();
    return this.inv.orgs.find((o) => o.name.toLowerCase() === lower);
  }

  findUser(orgName: string, userName: string): User | undefined {
    const org = this.findOrg(orgName);
    return org?.users.find((u) => u.name === userName);
  }

  checkPassword(orgName: string, userName: string, password: string): User | undefined {
    const user = this.findUser(orgName, userName);
    return user && user.password === password ? user : undefined;
  }

  private signJwt(user: User, expSeconds: number): string {
    const header = base64url(JSON.stringify({ alg: 'RS256' }));
    const payload = base64url(JSON.stringify({
      sub: user.name, iss: `${user.org.id}@${this.inv.siteId}`, exp: expSeconds, version: 'vcloud_1.0', jti: randomUUID().replace(/-/g, ''),
    }));
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    return `${header}.${payload}.${signer.sign(this.key).toString('base64url')}`;
  }

  createSession(user: User, fromToken?: ApiToken): Session {
    const now = this.now();
    const expiresAt = now + this.opts.accessTokenTtlSeconds * 1000;
    const session: Session = {
      id: randomUUID(), user, createdAt: now, lastUsed: now, expiresAt, fromToken, ended: false,
      accessToken: this.signJwt(user, Math.floor(expiresAt / 1000)), legacyToken: randomBytes(16).toString('hex'),
    };
    this.sessionsByAccess.set(session.accessToken, session);
    this.sessionsByLegacy.set(session.legacyToken, session);
    this.sessionsById.set(session.id, session);
    return session;
  }

  private alive(s: Session): boolean {
    const now = this.now();
    if (s.ended || now >= s.expiresAt || now - s.lastUsed >= this.opts.idleTimeoutSeconds * 1000) return false;
    if (s.fromToken?.revoked && this.opts.revokeKillsSessions) return false;
    return true;
  }

  /** Bearer from `Authorization: Bearer|bearer <jwt>` or `X-VMWARE-VCLOUD-ACCESS-TOKEN`; touches the session. */
  authenticate(headers: IncomingHttpHeaders): Session | undefined {
    let token: string | undefined;
    const auth = headers.authorization;
    if (auth) {
      const m = /^bearer\s+(\S+)\s*$/i.exec(auth);
      if (m) token = m[1];
    }
    if (!token) {
      const h = headers['x-vmware-vcloud-access-token'];
      if (typeof h === 'string' && h.trim()) token = h.trim();
    }
    if (!token) return undefined;
    const s = this.sessionsByAccess.get(token);
    if (!s || !this.alive(s)) return undefined;
    s.lastUsed = this.now();
    return s;
  }

  /** The deprecated `x-vcloud-authorization` header. */
  authenticateLegacy(headers: IncomingHttpHeaders): Session | undefined {
    const h = headers['x-vcloud-authorization'];
    const s = typeof h === 'string' ? this.sessionsByLegacy.get(h.trim()) : undefined;
    if (!s || !this.alive(s)) return undefined;
    s.lastUsed = this.now();
    return s;
  }

  sessionById(id: string): Session | undefined {
    return this.sessionsById.get(id);
  }

  /** Session of a JWT, for the jwt-bearer grant's assertion. */
  sessionByAccessToken(jwt: string): Session | undefined {
    const s = this.sessionsByAccess.get(jwt);
    return s && this.alive(s) ? s : undefined;
  }

  endSession(s: Session): void {
    s.ended = true;
  }

  expireAll(): void {
    for (const s of this.sessionsById.values()) s.ended = true;
  }

  newSecret(): string {
    return base64url(randomBytes(24)).slice(0, 32);
  }

  /** refresh_token grant: the API token must belong to a user of `org` (System tokens only on /provider). */
  exchange(org: Org, refreshToken: string): Session | undefined {
    const token = this.tokensBySecret.get(refreshToken);
    if (!token || token.revoked || token.type !== 'REFRESH') return undefined;
    if (token.user.org !== org) return undefined;
    return this.createSession(token.user, token);
  }

  /** OAuth dynamic client registration; the token string comes later from the jwt-bearer grant. */
  register(user: User, name: string): ApiToken | 'duplicate' {
    if (this.tokens.some((t) => !t.revoked && t.user === user && t.name === name)) return 'duplicate';
    const token: ApiToken = { clientId: randomUUID(), name, user, type: 'REFRESH', granted: false, revoked: false };
    this.tokens.push(token);
    return token;
  }

  /** jwt-bearer grant: hands out the new API token once. */
  initialGrant(org: Org, assertion: string, clientId: string): { session: Session; token: ApiToken } | undefined {
    const caller = this.sessionByAccessToken(assertion);
    const token = this.tokens.find((t) => t.clientId === clientId);
    if (!caller || !token || token.granted || token.revoked || token.user !== caller.user || caller.user.org !== org || caller.fromToken) return undefined;
    token.granted = true;
    token.secret = this.newSecret();
    this.tokensBySecret.set(token.secret, token);
    return { session: this.createSession(token.user, token), token };
  }

  /** As if made in the portal: registered and granted at once. */
  createToken(user: User, name: string, type: 'REFRESH' | 'PROXY' = 'REFRESH'): ApiToken {
    const token: ApiToken = { clientId: randomUUID(), name, user, type, granted: true, revoked: false, secret: this.newSecret() };
    this.tokens.push(token);
    this.tokensBySecret.set(token.secret!, token);
    return token;
  }

  tokenBySecret(secret: string): ApiToken | undefined {
    return this.tokensBySecret.get(secret);
  }

  tokenByUrn(urn: string): ApiToken | undefined {
    const id = urn.startsWith('urn:vcloud:token:') ? urn.slice('urn:vcloud:token:'.length) : urn;
    return this.tokens.find((t) => t.clientId === id && !t.revoked);
  }

  revoke(token: ApiToken): void {
    token.revoked = true;
    if (token.secret) this.tokensBySecret.delete(token.secret);
  }
}
