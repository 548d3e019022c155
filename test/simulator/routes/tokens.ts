// GET /cloudapi/1.0.0/tokens, GET|DELETE /cloudapi/1.0.0/tokens/{id}.
import type { ApiToken, Session } from '../auth';
import type { AttrAccessor } from '../filter';
import { cloudError, cloudJson, Ctx, empty, Reply } from '../http';
import { canSeeTokenOf, ref, SimState } from '../state';
import { listPage } from './cloudPage';

export function tokenJson(t: ApiToken): Record<string, unknown> {
  return {
    id: `urn:vcloud:token:${t.clientId}`, name: t.name, token: null, expirationTimeUtc: null,
    owner: ref.user(t.user), org: ref.org(t.user.org), type: t.type,
  };
}

const FIELDS: Record<string, AttrAccessor<ApiToken>> = {
  id: { kind: 'href', get: (t) => `urn:vcloud:token:${t.clientId}`, id: (t) => t.clientId },
  name: { kind: 'string', get: (t) => t.name },
  type: { kind: 'string', get: (t) => t.type },
  'owner.name': { kind: 'string', get: (t) => t.user.name },
  'owner.id': { kind: 'href', get: (t) => `urn:vcloud:user:${t.user.id}`, id: (t) => t.user.id },
  'org.name': { kind: 'string', get: (t) => t.user.org.name },
  'org.id': { kind: 'href', get: (t) => `urn:vcloud:org:${t.user.org.id}`, id: (t) => t.user.org.id },
  expirationTimeUtc: { kind: 'date', get: () => undefined },
};

function forbidden(ctx: Ctx, what: string): Reply {
  return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `Either you need some or all of the following rights [Token: Manage] to perform operations [${what}] or the target entity is invalid.`);
}

export function listTokens(state: SimState, ctx: Ctx, s: Session): Reply {
  // A session made from an API token may not view other tokens (DOCS-TOKEN): the list is refused as a whole.
  if (s.fromToken) return forbidden(ctx, 'View tokens');
  const rows = state.auth.tokens.filter((t) => !t.revoked && canSeeTokenOf(s, t.user));
  return listPage(ctx, rows, FIELDS, tokenJson, 'Tokens', state.config.maxPageSize);
}

function find(state: SimState, idSegment: string): ApiToken | undefined {
  let id: string;
  try {
    id = decodeURIComponent(idSegment);
  } catch {
    return undefined;
  }
  return state.auth.tokenByUrn(id);
}

export function getToken(state: SimState, ctx: Ctx, s: Session, idSegment: string): Reply {
  const t = find(state, idSegment);
  const visible = t && (s.fromToken ? s.fromToken === t : canSeeTokenOf(s, t.user));
  if (!t || !visible) return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "${decodeURIComponent(idSegment)}".`);
  return cloudJson(ctx, 200, tokenJson(t));
}

export function deleteToken(state: SimState, ctx: Ctx, s: Session, idSegment: string): Reply {
  const t = find(state, idSegment);
  if (!t) return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "${decodeURIComponent(idSegment)}".`);
  if (s.fromToken) {
    if (s.fromToken !== t || !state.config.allowSelfRevoke) return forbidden(ctx, 'Revoke token');
  } else if (!canSeeTokenOf(s, t.user)) {
    return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "${decodeURIComponent(idSegment)}".`);
  }
  state.auth.revoke(t);
  return empty(204);
}
