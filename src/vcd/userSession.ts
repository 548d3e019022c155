// Password sessions, needed to manage API tokens (a session made from an API token may not): login, list, create
// (register + jwt-bearer), revoke, logout. The password is used for the login request only and never kept.
import { VcdError } from './errors';
import { HttpRequest, HttpResponse, HttpTransport } from './http';
import { JsonObject, arr, numberField, parseJsonObject, str } from './json';
import { errorFromResponse, malformedResponse } from './mapError';
import { oauthBase, postTokenEndpoint } from './oauth';
import { toUserSessionInfo } from './session';
import { toApiTokenInfo, tokenUrn } from './tokens';
import { ApiTokenInfo, ConnectionOptions, UserSessionInfo } from './types';
import { isSystemOrg } from './url';
import { fetchVersionsWith, negotiateVersion } from './versions';
import { listAll } from './query';
import { encodeQueryValue } from './filter';
import { hostOf } from './url';

const TOKEN_PAGE_SIZE = 128;

/** Logs in with user name and password (Basic user@org) on /cloudapi/1.0.0/sessions, or /sessions/provider for System. */
export async function login(conn: ConnectionOptions, org: string, user: string, password: string, signal?: AbortSignal): Promise<UserSession> {
  if (org.trim() === '' || user.trim() === '') {
    throw new VcdError('invalidInput', 'Enter the organization and the user name.');
  }
  const transport = new HttpTransport(conn);
  try {
    const version = negotiateVersion(await fetchVersionsWith(transport, signal), conn.apiVersion, hostOf(conn.baseUrl));
    const basic = Buffer.from(`${user.trim()}@${org.trim()}:${password}`, 'utf8').toString('base64');
    const path = isSystemOrg(org) ? '/cloudapi/1.0.0/sessions/provider' : '/cloudapi/1.0.0/sessions';
    const res = await transport.send({
      method: 'POST',
      url: path,
      headers: { Authorization: `Basic ${basic}`, Accept: `application/json;version=${version}` },
      signal,
      secrets: [password, basic],
      operation: 'login',
      org: org.trim(),
      apiVersion: version,
    });
    const ctx = transport.context(res, { operation: 'login', org: org.trim(), apiVersion: version });
    if (res.status !== 200) {
      throw errorFromResponse(res, ctx);
    }
    const accessToken = res.headers['x-vmware-vcloud-access-token'];
    if (accessToken === undefined || accessToken === '') {
      throw malformedResponse(res, ctx, 'a login answer without an access token');
    }
    let info: UserSessionInfo | undefined;
    try {
      info = toUserSessionInfo(parseJsonObject(res.body));
    } catch (cause) {
      throw malformedResponse(res, ctx, 'a session', cause);
    }
    if (info === undefined) {
      throw malformedResponse(res, ctx, 'a session without an id');
    }
    return new UserSession(transport, org.trim(), version, accessToken, info);
  } catch (err) {
    transport.close();
    throw err;
  }
}

export class UserSession {
  private closed = false;

  /** @internal built by login() */
  constructor(
    private readonly transport: HttpTransport,
    private readonly org: string,
    private readonly version: string,
    private readonly accessToken: string,
    readonly info: UserSessionInfo,
  ) {}

  /**
   * Every API token (type REFRESH) the session may see, all pages. Bounded like every listing (listAll): the pages
   * requested follow `resultTotal` and the page size asked for, never the server's `pageCount`.
   */
  async listApiTokens(signal?: AbortSignal): Promise<ApiTokenInfo[]> {
    const result = await listAll<ApiTokenInfo>(
      async (page, pageSize, pageSignal) => {
        const { res, body } = await this.json(
          { method: 'GET', url: `/cloudapi/1.0.0/tokens?filter=${encodeQueryValue('type==REFRESH')}&page=${page}&pageSize=${pageSize}`, signal: pageSignal },
          200,
        );
        const total = numberField(body, 'resultTotal');
        if (total === undefined) {
          throw malformedResponse(res, this.transport.context(res, { apiVersion: this.version }), 'a token list page without resultTotal');
        }
        const records: ApiTokenInfo[] = [];
        for (const value of arr(body, 'values')) {
          const info = value !== null && typeof value === 'object' ? toApiTokenInfo(value as JsonObject) : undefined;
          if (info !== undefined) {
            records.push(info);
          }
        }
        return { records, total, page, pageSize: numberField(body, 'pageSize') ?? pageSize };
      },
      { pageSize: TOKEN_PAGE_SIZE, concurrency: 4 },
      signal,
      { host: hostOf(this.transport.baseUrl), noun: 'API tokens', keyOf: (token) => token.id },
    );
    return result.records;
  }

  /** Creates an API token: POST {oauth}/register, then the one-time jwt-bearer grant. The token string is returned once. */
  async createApiToken(name: string, signal?: AbortSignal): Promise<{ token: string; info: ApiTokenInfo }> {
    const clean = name.trim();
    if (clean === '') {
      throw new VcdError('invalidInput', 'Enter a name for the new API token.');
    }
    const { body } = await this.json(
      {
        method: 'POST',
        url: `${oauthBase(this.org)}/register`,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ client_name: clean }),
        signal,
        operation: 'register',
      },
      200,
      201,
    );
    const clientId = str(body, 'client_id');
    if (clientId === undefined || clientId === '') {
      throw new VcdError('malformedResponse', `${hostOf(this.transport.baseUrl)} registered the token but returned no client id.`);
    }
    const grant = await postTokenEndpoint(
      this.transport,
      this.org,
      { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.accessToken, client_id: clientId },
      'register',
      [this.accessToken],
      signal,
    );
    if (grant.refreshToken === undefined) {
      throw new VcdError('malformedResponse', `${hostOf(this.transport.baseUrl)} created the token but did not return it.`);
    }
    const token = grant.refreshToken;
    let info: ApiTokenInfo = { id: tokenUrn(clientId), name: clean, type: 'REFRESH' };
    try {
      const fetched = await this.json({ method: 'GET', url: `/cloudapi/1.0.0/tokens/${encodeURIComponent(tokenUrn(clientId))}`, signal, secrets: [token] }, 200);
      info = toApiTokenInfo(fetched.body) ?? info;
    } catch (err) {
      if (err instanceof VcdError && err.kind === 'cancelled') {
        throw err;
      }
      // The token exists and works; its details are a nicety.
    }
    return { token, info };
  }

  /** DELETE /cloudapi/1.0.0/tokens/{id}. */
  async revokeApiToken(id: string, signal?: AbortSignal): Promise<void> {
    if (!/^urn:vcloud:token:[A-Za-z0-9-]+$/.test(id)) {
      throw new VcdError('invalidInput', `“${id}” is not an API token id (urn:vcloud:token:…).`);
    }
    await this.expect({ method: 'DELETE', url: `/cloudapi/1.0.0/tokens/${encodeURIComponent(id)}`, signal }, 204, 200);
  }

  /** DELETE /cloudapi/1.0.0/sessions/current; the session cannot be used afterwards. */
  async logout(signal?: AbortSignal): Promise<void> {
    if (this.closed) {
      return;
    }
    try {
      await this.expect({ method: 'DELETE', url: '/cloudapi/1.0.0/sessions/current', signal }, 204, 200);
    } catch (err) {
      if (!(err instanceof VcdError && err.kind === 'unauthorized')) {
        throw err;
      }
      // already gone on the server
    } finally {
      this.closed = true;
      this.transport.close();
    }
  }

  private async expect(req: HttpRequest, ...ok: number[]): Promise<HttpResponse> {
    if (this.closed) {
      throw new VcdError('unauthorized', 'This session has been logged out.');
    }
    const accept = req.headers?.Accept ?? `application/json;version=${this.version}`;
    const res = await this.transport.send({
      ...req,
      headers: { Accept: accept, ...req.headers, Authorization: `Bearer ${this.accessToken}` },
      secrets: [...(req.secrets ?? []), this.accessToken],
      org: this.org,
      apiVersion: this.version,
    });
    if (!ok.includes(res.status)) {
      throw errorFromResponse(res, this.transport.context(res, { operation: req.operation, org: this.org, apiVersion: this.version }));
    }
    return res;
  }

  private async json(req: HttpRequest, ...ok: number[]): Promise<{ res: HttpResponse; body: JsonObject }> {
    const res = await this.expect(req, ...ok);
    try {
      return { res, body: parseJsonObject(res.body) };
    } catch (cause) {
      throw malformedResponse(res, this.transport.context(res, { apiVersion: this.version }), 'a JSON answer', cause);
    }
  }
}
