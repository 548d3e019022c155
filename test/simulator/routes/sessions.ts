// CloudAPI sessions (login, current, logout, token behind a session) and legacy GET/DELETE /api/session.
import type { Session } from '../auth';
import { cloudError, cloudJson, Ctx, empty, legacyError, Reply, unauthorized, wantsJson, xmlEscape, xmlReply } from '../http';
import { ref, SimState } from '../state';
import { tokenJson } from './tokens';

export function sessionJson(state: SimState, s: Session): Record<string, unknown> {
  const u = s.user;
  return {
    id: `urn:vcloud:session:${s.id}`,
    site: { name: state.inv.siteName, id: `urn:vcloud:site:${state.inv.siteId}` },
    user: ref.user(u),
    org: ref.org(u.org),
    location: `${u.org.id}@${state.inv.siteId}`,
    roles: [u.role],
    roleRefs: [{ name: u.role, id: `urn:vcloud:role:${u.roleId}` }],
    sessionIdleTimeoutMinutes: state.auth.idleMinutes,
  };
}

function parseBasic(header: string | undefined): { user: string; org: string; password: string } | undefined {
  const m = /^basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const login = text.slice(0, colon);
  const at = login.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { user: login.slice(0, at), org: login.slice(at + 1), password: text.slice(colon + 1) };
}

export function postLogin(state: SimState, ctx: Ctx, provider: boolean): Reply {
  const creds = parseBasic(ctx.req.headers.authorization);
  const user = creds && state.auth.checkPassword(creds.org, creds.user, creds.password);
  if (!user || user.org.isSystem !== provider) return cloudError(ctx, 401, 'UNAUTHORIZED', 'Unauthorized');
  const s = state.auth.createSession(user);
  return cloudJson(ctx, 200, sessionJson(state, s), {
    'X-VMWARE-VCLOUD-ACCESS-TOKEN': s.accessToken,
    'X-VMWARE-VCLOUD-TOKEN-TYPE': 'Bearer',
  });
}

/** Legacy POST /api/sessions: Session XML plus both the 32-character token and the JWT. Any org (System too). */
export function postLegacyLogin(state: SimState, ctx: Ctx): Reply {
  const creds = parseBasic(ctx.req.headers.authorization);
  const user = creds && state.auth.checkPassword(creds.org, creds.user, creds.password);
  if (!user) return legacyError(ctx, 401, 'UNAUTHORIZED', 'Unauthorized');
  const s = state.auth.createSession(user);
  const reply = getLegacySession(state, ctx, s);
  reply.headers['X-VCLOUD-AUTHORIZATION'] = s.legacyToken;
  reply.headers['X-VMWARE-VCLOUD-ACCESS-TOKEN'] = s.accessToken;
  reply.headers['X-VMWARE-VCLOUD-TOKEN-TYPE'] = 'Bearer';
  return reply;
}

export function getCurrent(state: SimState, ctx: Ctx, s: Session): Reply {
  const extra: Record<string, string> = {};
  if (!s.fromToken) {
    const path = s.user.org.isSystem ? '/oauth/provider/register' : `/oauth/tenant/${encodeURIComponent(s.user.org.name)}/register`;
    extra.Link = `<${ctx.base}${path}>;rel="add";type="application/json";model="OAuthToken"`;
  }
  return cloudJson(ctx, 200, sessionJson(state, s), extra);
}

export function deleteCurrent(state: SimState, s: Session): Reply {
  state.auth.endSession(s);
  return empty(204);
}

export function getSessionToken(_state: SimState, ctx: Ctx, s: Session, idSegment: string): Reply {
  const id = decodeURIComponent(idSegment).replace(/^urn:vcloud:session:/, '');
  if (id !== s.id) return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "urn:vcloud:session:${id}".`);
  if (!s.fromToken || s.fromToken.revoked) return cloudError(ctx, 404, 'RESOURCE_NOT_FOUND', 'This session was not created from a token.');
  return cloudJson(ctx, 200, tokenJson(s.fromToken));
}

/** Legacy GET /api/session: the Session of the presented token. */
export function getLegacySession(state: SimState, ctx: Ctx, s: Session): Reply {
  const u = s.user;
  const b = ctx.base;
  const links = [
    { rel: 'down', href: `${b}/api/org/`, type: 'application/vnd.vmware.vcloud.orgList+xml' },
    { rel: 'remove', href: `${b}/api/session` },
    ...(u.org.isSystem ? [{ rel: 'down', href: `${b}/api/admin/`, type: 'application/vnd.vmware.admin.vcloud+xml' }] : []),
    { rel: 'down', href: `${b}/api/org/${u.org.id}`, type: 'application/vnd.vmware.vcloud.org+xml', name: u.org.name },
    { rel: 'down', href: `${b}/api/query`, type: 'application/vnd.vmware.vcloud.query.queryList+xml' },
    { rel: 'entityResolver', href: `${b}/api/entity/`, type: 'application/vnd.vmware.vcloud.entity+xml' },
    { rel: 'openapi', href: `${b}/cloudapi`, type: 'application/json' },
  ];
  const location = `${u.org.id}@${state.inv.siteId}`;
  if (wantsJson(ctx.accept)) {
    const body = {
      otherAttributes: {}, link: links.map((l) => ({ otherAttributes: {}, href: l.href, id: null, type: l.type ?? null, name: l.name ?? null, model: null, rel: l.rel, vCloudExtension: [] })),
      href: `${b}/api/session`, type: 'application/vnd.vmware.vcloud.session+json', user: u.name, org: u.org.name, userId: `urn:vcloud:user:${u.id}`,
      roles: u.role, locationId: location, vCloudExtension: [],
    };
    return { status: 200, headers: { 'Content-Type': `application/vnd.vmware.vcloud.session+json;version=${ctx.version}` }, body: JSON.stringify(body) };
  }
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Session xmlns="http://www.vmware.com/vcloud/v1.5" locationId="${location}" org="${xmlEscape(u.org.name)}" roles="${xmlEscape(u.role)}" user="${xmlEscape(u.name)}" userId="urn:vcloud:user:${u.id}" href="${b}/api/session" type="application/vnd.vmware.vcloud.session+xml">\n`;
  for (const l of links) xml += `    <Link rel="${l.rel}" href="${xmlEscape(l.href)}"${l.type ? ` type="${l.type}"` : ''}${l.name ? ` name="${xmlEscape(l.name)}"` : ''}/>\n`;
  xml += `    <AuthorizedLocations>\n        <Location>\n            <LocationId>${location}</LocationId>\n            <SiteName>${state.inv.siteName}</SiteName>\n            <OrgName>${xmlEscape(u.org.name)}</OrgName>\n            <RestApiEndpoint>${b}</RestApiEndpoint>\n            <UIEndpoint>${b}</UIEndpoint>\n            <AuthContext>${xmlEscape(u.org.name)}</AuthContext>\n        </Location>\n    </AuthorizedLocations>\n</Session>\n`;
  return xmlReply(200, 'application/vnd.vmware.vcloud.session+xml', ctx.version, xml);
}

export { unauthorized };
