import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { accessToken, call, CLOUD_38, exchange, login, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

describe('simulator: OAuth exchange, sessions and token restrictions', () => {
  let sim: Simulator;
  useSimulator((started) => (sim = started), {}, { fresh: 'each test' });

  it('exchanges a tenant API token for an RS256 JWT access token', async () => {
    const res = await exchange(sim, sim.tenant.org, sim.tenant.apiToken);
    assert.equal(res.status, 200);
    const body = res.json<{ access_token: string; token_type: string; expires_in: number; refresh_token: null }>();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 1800);
    assert.equal(body.refresh_token, null);
    assert.ok(body.access_token.length > 32);
    const { header, payload } = decodeJwt(body.access_token);
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.sub, 'orgadmin');
    assert.equal(payload.version, 'vcloud_1.0');
    assert.match(String(payload.iss), /^[0-9a-f-]{36}@[0-9a-f-]{36}$/);
    assert.equal(sim.counters.exchanges, 1);
  });

  it('rejects unknown, revoked, wrong-org and System-on-tenant tokens with invalid_grant', async () => {
    const expected = { minorErrorCode: 'invalid_grant', message: 'Invalid refresh token', stackTrace: null };
    const unknown = await exchange(sim, sim.tenant.org, 'not-a-token');
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json(), expected);
    const wrongOrg = await exchange(sim, 'initech', sim.tenant.apiToken);
    assert.deepEqual([wrongOrg.status, wrongOrg.json()], [400, expected]);
    const systemOnTenant = await call(sim, 'POST', '/oauth/tenant/System/token', { 'Content-Type': 'application/x-www-form-urlencoded' },
      `grant_type=refresh_token&refresh_token=${sim.provider.apiToken}`);
    assert.equal(systemOnTenant.status, 400);
    assert.equal((await exchange(sim, 'System', sim.provider.apiToken)).status, 200);
    sim.revokeApiToken(sim.tenant.apiToken);
    assert.deepEqual((await exchange(sim, sim.tenant.org, sim.tenant.apiToken)).json(), expected);
    assert.equal(sim.counters.exchanges, 5);
  });

  it('answers 401 with an empty body for missing, expired and logged-out bearer tokens', async () => {
    const none = await call(sim, 'GET', '/api/query?type=vm', { Accept: XML_38 });
    assert.equal(none.status, 401);
    assert.equal(none.body, '');
    const token = await accessToken(sim, 'tenant');
    assert.equal((await call(sim, 'GET', '/api/session', { Authorization: `bearer ${token}`, Accept: XML_38 })).status, 200);
    assert.equal((await call(sim, 'GET', '/api/session', { 'X-VMWARE-VCLOUD-ACCESS-TOKEN': token, Accept: XML_38 })).status, 200);
    sim.expireAllSessions();
    const expired = await call(sim, 'GET', '/api/session', { Authorization: `Bearer ${token}`, Accept: XML_38 });
    assert.deepEqual([expired.status, expired.body], [401, '']);
    const fresh = await accessToken(sim, 'tenant');
    sim.advanceClock(1801);
    assert.equal((await call(sim, 'GET', '/api/session', { Authorization: `Bearer ${fresh}`, Accept: XML_38 })).status, 401);
  });

  it('logs in with Basic user@org, reports the session, and refuses tenants on /provider', async () => {
    const token = await login(sim, 'tenant');
    const current = await call(sim, 'GET', '/cloudapi/1.0.0/sessions/current', { Authorization: `Bearer ${token}`, Accept: CLOUD_38 });
    assert.equal(current.status, 200);
    const body = current.json<{ user: { name: string }; org: { name: string }; roles: string[] }>();
    assert.deepEqual([body.user.name, body.org.name, body.roles], ['orgadmin', 'acme', ['Organization Administrator']]);
    assert.match(String(current.headers.link), /rel="add";type="application\/json";model="OAuthToken"/);
    const basic = Buffer.from(`orgadmin@acme:${sim.tenant.password}`).toString('base64');
    const onProvider = await call(sim, 'POST', '/cloudapi/1.0.0/sessions/provider', { Authorization: `Basic ${basic}`, Accept: 'application/*;version=38.0' });
    assert.equal(onProvider.status, 401);
    const wrong = Buffer.from('orgadmin@acme:nope').toString('base64');
    assert.equal((await call(sim, 'POST', '/cloudapi/1.0.0/sessions', { Authorization: `Basic ${wrong}`, Accept: 'application/*;version=38.0' })).status, 401);
    assert.equal((await call(sim, 'DELETE', '/cloudapi/1.0.0/sessions/current', { Authorization: `Bearer ${token}`, Accept: CLOUD_38 })).status, 204);
    assert.equal((await call(sim, 'GET', '/cloudapi/1.0.0/sessions/current', { Authorization: `Bearer ${token}`, Accept: CLOUD_38 })).status, 401);
  });

  it('creates an API token by register + jwt-bearer once, then lists and revokes it', async () => {
    const token = await login(sim, 'tenant');
    const auth = { Authorization: `Bearer ${token}` };
    const reg = await call(sim, 'POST', '/oauth/tenant/acme/register', { ...auth, 'Content-Type': 'application/json', Accept: 'application/json' }, JSON.stringify({ client_name: 'my laptop' }));
    assert.equal(reg.status, 200);
    const client = reg.json<{ client_id: string; grant_types: string[]; token_endpoint_auth_method: string }>();
    assert.deepEqual(client.grant_types, ['urn:ietf:params:oauth:grant-type:jwt-bearer']);
    const dup = await call(sim, 'POST', '/oauth/tenant/acme/register', { ...auth, 'Content-Type': 'application/json' }, JSON.stringify({ client_name: 'my laptop' }));
    assert.equal(dup.status, 400);
    assert.match(dup.json<{ message: string }>().message, /token with the given name already exists/);
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: token, client_id: client.client_id }).toString();
    const grant = await call(sim, 'POST', '/oauth/tenant/acme/token', { 'Content-Type': 'application/x-www-form-urlencoded' }, form);
    assert.equal(grant.status, 200);
    const apiToken = grant.json<{ refresh_token: string }>().refresh_token;
    assert.ok(apiToken.length >= 20);
    const again = await call(sim, 'POST', '/oauth/tenant/acme/token', { 'Content-Type': 'application/x-www-form-urlencoded' }, form);
    assert.equal(again.json().minorErrorCode, 'invalid_grant');
    assert.equal((await exchange(sim, 'acme', apiToken)).status, 200);

    const filter = encodeURIComponent('(name==my laptop;(type==PROXY,type==REFRESH))');
    const list = await call(sim, 'GET', `/cloudapi/1.0.0/tokens?filter=${filter}`, { ...auth, Accept: CLOUD_38 });
    const page = list.json<{ resultTotal: number; values: { id: string; type: string; owner: { name: string } }[] }>();
    assert.equal(page.resultTotal, 1);
    assert.deepEqual([page.values[0].id, page.values[0].type, page.values[0].owner.name], [`urn:vcloud:token:${client.client_id}`, 'REFRESH', 'orgadmin']);
    const del = await call(sim, 'DELETE', `/cloudapi/1.0.0/tokens/${page.values[0].id}`, { ...auth, Accept: CLOUD_38 });
    assert.equal(del.status, 204);
    assert.equal((await exchange(sim, 'acme', apiToken)).status, 400);
    assert.equal((await call(sim, 'GET', `/cloudapi/1.0.0/tokens/${page.values[0].id}`, { ...auth, Accept: CLOUD_38 })).status, 403);
  });

  it('restricts sessions made from an API token', async () => {
    const token = await accessToken(sim, 'tenant');
    const auth = { Authorization: `Bearer ${token}`, Accept: CLOUD_38 };
    const reg = await call(sim, 'POST', '/oauth/tenant/acme/register', { ...auth, 'Content-Type': 'application/json' }, JSON.stringify({ client_name: 'x' }));
    assert.equal(reg.status, 403);
    assert.equal(reg.json().minorErrorCode, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
    assert.equal((await call(sim, 'GET', '/cloudapi/1.0.0/tokens', auth)).status, 403);
    const current = await call(sim, 'GET', '/cloudapi/1.0.0/sessions/current', auth);
    assert.equal(current.headers.link, undefined);
    const sessionId = current.json<{ id: string }>().id;
    const own = await call(sim, 'GET', `/cloudapi/1.0.0/sessions/${sessionId}/token`, auth);
    assert.equal(own.status, 200);
    const tokenId = own.json<{ id: string; name: string }>().id;
    assert.equal(own.json().name, 'demo-token');
    assert.equal((await call(sim, 'DELETE', `/cloudapi/1.0.0/tokens/${tokenId}`, auth)).status, 403);
    assert.equal((await exchange(sim, 'acme', sim.tenant.apiToken)).status, 200);
  });
});
