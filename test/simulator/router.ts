// Routes: which handler answers which method + path, with the version gate and authentication in front.
import type { Session } from './auth';
import { cloudError, Ctx, legacyError, Reply, unauthorized } from './http';
import { getVersions } from './routes/versions';
import { orgOfPath, postRegister, postToken } from './routes/oauth';
import { deleteCurrent, getCurrent, getLegacySession, getSessionToken, postLegacyLogin, postLogin } from './routes/sessions';
import { deleteToken, getToken, listTokens } from './routes/tokens';
import { getOrg, getVdc, listOrgs, listVdcs } from './routes/cloudInventory';
import { entityRoutes } from './routes/entities';
import { powerRoutes } from './routes/power';
import type { Viewer } from './query';
import type { SimState } from './state';
import { gateCloudApi, gateLegacy, highest, notAcceptableMessage } from './versions';

type Area = 'open' | 'oauth' | 'login' | 'cloudapi' | 'api' | 'apiLogin';

export interface Route {
  method: string;
  pattern: RegExp;
  area: Area;
  handle(state: SimState, ctx: Ctx, m: RegExpExecArray, session: Session | undefined): Reply | Promise<Reply>;
}

const C = '/cloudapi/1.0.0';

/** Who runs a query: the session's org, role and user (whose rights decide what it sees). */
function viewerOf(s: Session): Viewer {
  return { org: s.user.org, role: s.user.role, user: s.user };
}

export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/versions\/?$/, area: 'open', handle: (s, c) => getVersions(s, c) },
  { method: 'POST', pattern: /^\/oauth\/(provider)\/token$/, area: 'oauth', handle: (s, c, m) => postToken(s, c, orgOfPath(s, m[1], undefined)) },
  { method: 'POST', pattern: /^\/oauth\/(tenant)\/([^/]+)\/token$/, area: 'oauth', handle: (s, c, m) => postToken(s, c, orgOfPath(s, m[1], m[2])) },
  { method: 'POST', pattern: /^\/oauth\/(provider)\/register$/, area: 'oauth', handle: (s, c, m) => postRegister(s, c, orgOfPath(s, m[1], undefined)) },
  { method: 'POST', pattern: /^\/oauth\/(tenant)\/([^/]+)\/register$/, area: 'oauth', handle: (s, c, m) => postRegister(s, c, orgOfPath(s, m[1], m[2])) },
  { method: 'POST', pattern: new RegExp(`^${C}/sessions$`), area: 'login', handle: (s, c) => postLogin(s, c, false) },
  { method: 'POST', pattern: new RegExp(`^${C}/sessions/provider$`), area: 'login', handle: (s, c) => postLogin(s, c, true) },
  { method: 'GET', pattern: new RegExp(`^${C}/sessions/current$`), area: 'cloudapi', handle: (s, c, _m, ses) => getCurrent(s, c, ses!) },
  { method: 'DELETE', pattern: new RegExp(`^${C}/sessions/current$`), area: 'cloudapi', handle: (s, _c, _m, ses) => deleteCurrent(s, ses!) },
  { method: 'GET', pattern: new RegExp(`^${C}/sessions/([^/]+)/token$`), area: 'cloudapi', handle: (s, c, m, ses) => getSessionToken(s, c, ses!, m[1]) },
  { method: 'GET', pattern: new RegExp(`^${C}/tokens$`), area: 'cloudapi', handle: (s, c, _m, ses) => listTokens(s, c, ses!) },
  { method: 'GET', pattern: new RegExp(`^${C}/tokens/([^/]+)$`), area: 'cloudapi', handle: (s, c, m, ses) => getToken(s, c, ses!, m[1]) },
  { method: 'DELETE', pattern: new RegExp(`^${C}/tokens/([^/]+)$`), area: 'cloudapi', handle: (s, c, m, ses) => deleteToken(s, c, ses!, m[1]) },
  { method: 'GET', pattern: new RegExp(`^${C}/orgs$`), area: 'cloudapi', handle: (s, c, _m, ses) => listOrgs(s, c, ses!) },
  { method: 'GET', pattern: new RegExp(`^${C}/orgs/([^/]+)$`), area: 'cloudapi', handle: (s, c, m, ses) => getOrg(s, c, ses!, m[1]) },
  { method: 'GET', pattern: new RegExp(`^${C}/vdcs$`), area: 'cloudapi', handle: (s, c, _m, ses) => listVdcs(s, c, ses!) },
  { method: 'GET', pattern: new RegExp(`^${C}/vdcs/([^/]+)$`), area: 'cloudapi', handle: (s, c, m, ses) => getVdc(s, c, ses!, m[1]) },
  { method: 'GET', pattern: /^\/api\/session$/, area: 'api', handle: (s, c, _m, ses) => getLegacySession(s, c, ses!) },
  { method: 'DELETE', pattern: /^\/api\/session$/, area: 'api', handle: (s, _c, _m, ses) => deleteCurrent(s, ses!) },
  { method: 'GET', pattern: /^\/api\/query$/, area: 'api', handle: (s, c, _m, ses) => s.query.handle(c, viewerOf(ses!)) },
  { method: 'GET', pattern: /^\/api\/(vms|vApps)\/query$/, area: 'api', handle: (s, c, m, ses) => {
    c.query.set('type', m[1] === 'vms' ? 'vm' : 'vApp');
    return s.query.handle(c, viewerOf(ses!));
  } },
  { method: 'POST', pattern: /^\/api\/sessions$/, area: 'apiLogin', handle: (s, c) => postLegacyLogin(s, c) },
  ...entityRoutes,
  ...powerRoutes,
];

function areaOf(path: string): Area | undefined {
  if (path.startsWith('/oauth/')) return 'oauth';
  if (path.startsWith('/cloudapi/')) return 'cloudapi';
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  return undefined;
}

function notFound(state: SimState, ctx: Ctx, area: Area | undefined): Reply {
  if (area === 'api') return legacyError(ctx, 404, 'RESOURCE_NOT_FOUND', `Resource not found: ${ctx.path}`, ctx.version || highest(state.versions));
  if (area === 'cloudapi' || area === 'oauth') return cloudError(ctx, 404, 'RESOURCE_NOT_FOUND', `Resource not found: ${ctx.path}`);
  return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
}

export async function route(state: SimState, ctx: Ctx): Promise<Reply> {
  // Tasks that move with the clock are where the clock says before anything is answered.
  state.tasks.tick();
  const matches = ROUTES.map((r) => ({ r, m: r.pattern.exec(ctx.path) })).filter((x) => x.m);
  const hit = matches.find((x) => x.r.method === ctx.method);
  const area = hit?.r.area ?? areaOf(ctx.path);
  ctx.version = ctx.acceptVersion && (state.versions.supported.includes(ctx.acceptVersion) || state.versions.deprecated.includes(ctx.acceptVersion))
    ? ctx.acceptVersion : highest(state.versions);
  if (!hit) {
    if (matches.length) {
      const r = notFound(state, ctx, area);
      r.status = 405;
      r.headers.Allow = matches.map((x) => x.r.method).join(', ');
      return r;
    }
    return notFound(state, ctx, area);
  }
  const { r, m } = hit;
  if (r.area === 'api' || r.area === 'apiLogin') {
    const g = gateLegacy(state.versions, ctx.acceptVersion);
    if (!g.ok) return legacyError(ctx, 406, 'NOT_ACCEPTABLE', notAcceptableMessage(state.versions), highest(state.versions));
  } else if (r.area === 'cloudapi' || r.area === 'login') {
    const g = gateCloudApi(state.versions, ctx.acceptVersion);
    if (!g.ok) {
      ctx.version = highest(state.versions);
      if (g.status === 405) return cloudError(ctx, 405, 'METHOD_NOT_ALLOWED', `API version ${ctx.acceptVersion} is no longer supported by this endpoint.`);
      return cloudError(ctx, 406, 'NOT_ACCEPTABLE', notAcceptableMessage(state.versions));
    }
  }
  let session: Session | undefined;
  if (r.area === 'api' || r.area === 'cloudapi') {
    session = state.auth.authenticate(ctx.req.headers) ?? state.auth.authenticateLegacy(ctx.req.headers);
    if (!session) return unauthorized();
  }
  return r.handle(state, ctx, m!, session);
}
