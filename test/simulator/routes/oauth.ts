// POST /oauth/{tenant/<org>|provider}/token and /register.
import type { Org } from '../inventory';
import { Ctx, jsonReply, Reply, unauthorized } from '../http';
import type { SimState } from '../state';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(status: number, minor: string, message: string): Reply {
  return jsonReply(status, { minorErrorCode: minor, message, stackTrace: null }, 'application/json');
}

function invalidGrant(state: SimState): Reply {
  return oauthError(state.config.invalidGrantStatus, 'invalid_grant', 'Invalid refresh token');
}

/** The org addressed by the path: `provider` → System; `tenant/<name>` → that tenant (System not allowed). */
export function orgOfPath(state: SimState, scope: string, orgSegment: string | undefined): Org | undefined {
  if (scope === 'provider') return state.inv.system;
  if (!orgSegment) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(orgSegment);
  } catch {
    return undefined;
  }
  const org = state.auth.findOrg(name);
  return org && !org.isSystem ? org : undefined;
}

export async function postToken(state: SimState, ctx: Ctx, org: Org | undefined): Promise<Reply> {
  const ct = String(ctx.req.headers['content-type'] ?? '');
  const raw = await ctx.body();
  if (!/application\/x-www-form-urlencoded/i.test(ct)) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(raw);
  const grant = form.get('grant_type');
  if (grant === 'refresh_token') {
    const token = form.get('refresh_token') ?? '';
    const session = org ? state.auth.exchange(org, token) : undefined;
    if (!session) return invalidGrant(state);
    return jsonReply(200, { access_token: session.accessToken, token_type: 'Bearer', expires_in: state.auth.ttlSeconds, refresh_token: null }, 'application/json');
  }
  if (grant === JWT_BEARER) {
    const assertion = form.get('assertion') ?? '';
    const clientId = form.get('client_id') ?? '';
    const result = org ? state.auth.initialGrant(org, assertion, clientId) : undefined;
    if (!result) return oauthError(state.config.invalidGrantStatus, 'invalid_grant', 'Invalid JWT assertion or client');
    return jsonReply(200, {
      access_token: result.session.accessToken, token_type: 'Bearer', expires_in: state.auth.ttlSeconds, refresh_token: result.token.secret,
    }, 'application/json');
  }
  return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant ?? '(none)'}`);
}

export async function postRegister(state: SimState, ctx: Ctx, org: Org | undefined): Promise<Reply> {
  const raw = await ctx.body();
  const session = state.auth.authenticate(ctx.req.headers);
  if (!session) return unauthorized();
  if (session.fromToken || !org || session.user.org !== org) {
    return oauthError(403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `[ ${ctx.requestId} ] Either you need some or all of the following rights [Token: Manage] to perform operations [Register OAuth client] or the target entity is invalid.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return oauthError(400, 'BAD_REQUEST', `[ ${ctx.requestId} ] Malformed JSON body`);
  }
  const name = (body as { client_name?: unknown } | null)?.client_name;
  if (typeof name !== 'string' || !name.trim()) return oauthError(400, 'BAD_REQUEST', `[ ${ctx.requestId} ] client_name is required`);
  const token = state.auth.register(session.user, name);
  if (token === 'duplicate') return oauthError(400, 'BAD_REQUEST', `[ ${ctx.requestId} ] An API token with the given name already exists`);
  return jsonReply(200, {
    client_name: token.name, client_id: token.clientId, grant_types: [JWT_BEARER], token_endpoint_auth_method: 'none',
    client_uri: null, software_id: null, software_version: null, scope: null,
  }, 'application/json');
}
