// OAuth endpoints: API token -> access token (refresh_token grant), and the two steps of creating an API token
// (dynamic client registration + jwt-bearer grant).
import { VcdError } from './errors';
import { HttpTransport } from './http';
import { errorFromResponse, malformedResponse } from './mapError';
import { AccessTokenGrant, ConnectionOptions } from './types';
import { isSystemOrg } from './url';
import { JsonObject, numberField, parseJsonObject, str } from './json';

/** `/oauth/provider` for System (any case), else `/oauth/tenant/{org}` with the org name encoded. */
export function oauthBase(org: string): string {
  const name = org.trim();
  if (name === '') {
    throw new VcdError('invalidInput', 'Enter the organization name (for the provider, “System”).');
  }
  return isSystemOrg(name) ? '/oauth/provider' : `/oauth/tenant/${encodeURIComponent(name)}`;
}

function form(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

function readGrant(json: JsonObject): AccessTokenGrant | undefined {
  const accessToken = str(json, 'access_token');
  if (accessToken === undefined || accessToken === '') {
    return undefined;
  }
  const grant: AccessTokenGrant = {
    accessToken,
    tokenType: str(json, 'token_type') ?? 'Bearer',
    expiresIn: numberField(json, 'expires_in') ?? 0,
  };
  const refresh = str(json, 'refresh_token');
  if (refresh !== undefined && refresh !== '') {
    grant.refreshToken = refresh;
  }
  return grant;
}

/** POST {oauthBase}/token with a form; maps errors with `operation`. */
export async function postTokenEndpoint(
  transport: HttpTransport,
  org: string,
  fields: Record<string, string>,
  operation: 'exchange' | 'register',
  secrets: string[],
  signal?: AbortSignal,
): Promise<AccessTokenGrant> {
  const res = await transport.send({
    method: 'POST',
    url: `${oauthBase(org)}/token`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form(fields),
    signal,
    secrets,
    operation,
    org,
  });
  const ctx = transport.context(res, { operation, org });
  if (res.status !== 200 && res.status !== 201) {
    throw errorFromResponse(res, ctx);
  }
  let grant: AccessTokenGrant | undefined;
  try {
    grant = readGrant(parseJsonObject(res.body));
  } catch (cause) {
    throw malformedResponse(res, ctx, 'a token answer', cause);
  }
  if (grant === undefined) {
    throw malformedResponse(res, ctx, 'a token answer without an access token');
  }
  return grant;
}

/** Exchanges an API token for an access token (grant_type=refresh_token) on the given transport. */
export function exchangeWith(transport: HttpTransport, org: string, apiToken: string, signal?: AbortSignal): Promise<AccessTokenGrant> {
  return postTokenEndpoint(transport, org, { grant_type: 'refresh_token', refresh_token: apiToken }, 'exchange', [apiToken], signal);
}

/** POST /oauth/tenant/{org}/token (or /oauth/provider/token for System): API token -> access token. */
export async function exchangeApiToken(conn: ConnectionOptions, org: string, apiToken: string, signal?: AbortSignal): Promise<AccessTokenGrant> {
  const transport = new HttpTransport(conn);
  try {
    return await exchangeWith(transport, org, apiToken, signal);
  } finally {
    transport.close();
  }
}
