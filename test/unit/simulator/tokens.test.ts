import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { accessToken, call, CLOUD_38, exchange, login, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

describe('simulator: token listing, roles and legacy login', () => {
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  it('pages tokens with FIQL filters, sort and a Link header; PROXY tokens are filtered by type', async () => {
    for (let i = 0; i < 5; i++) sim.createApiToken('acme', 'orgadmin', `bulk-${i}`);
    const auth = { Authorization: `Bearer ${await login(sim, 'tenant')}`, Accept: CLOUD_38 };
    const all = await call(sim, 'GET', '/cloudapi/1.0.0/tokens?pageSize=128', auth);
    const types = all.json<{ values: { type: string }[] }>().values.map((t) => t.type);
    assert.ok(types.includes('PROXY') && types.includes('REFRESH'));
    const filter = encodeURIComponent('type==REFRESH;owner.name==orgadmin');
    const page1 = await call(sim, 'GET', `/cloudapi/1.0.0/tokens?filter=${filter}&sortDesc=name&pageSize=2`, auth);
    const body = page1.json<{ resultTotal: number; pageCount: number; values: { name: string }[] }>();
    assert.equal(body.resultTotal, 6);
    assert.equal(body.pageCount, 3);
    assert.deepEqual(body.values.map((t) => t.name), ['demo-token', 'bulk-4']);
    const next = /<([^>]+)>;rel="nextPage"/.exec(([] as string[]).concat(page1.headers.link ?? []).join(', '))![1];
    const page2 = await call(sim, 'GET', next, auth);
    assert.deepEqual(page2.json<{ values: { name: string }[] }>().values.map((t) => t.name), ['bulk-3', 'bulk-2']);
    const others = await call(sim, 'GET', `/cloudapi/1.0.0/tokens?filter=${encodeURIComponent('owner.name!=orgadmin')}`, auth);
    assert.ok(others.json<{ resultTotal: number }>().resultTotal >= 1, 'an org admin sees other users\' tokens of the org');
    const bad = await call(sim, 'GET', `/cloudapi/1.0.0/tokens?filter=${encodeURIComponent('colour==red')}`, auth);
    assert.equal(bad.status, 400);
  });

  it('refuses the organization query to a non-admin user but allows vm', async () => {
    const apiToken = sim.createApiToken('acme', (await userNames(sim)).find((u) => u !== 'orgadmin')!, 'author');
    const res = await exchange(sim, 'acme', apiToken);
    const h = { Authorization: `Bearer ${res.json<{ access_token: string }>().access_token}`, Accept: XML_38 };
    assert.equal((await call(sim, 'GET', '/api/query?type=organization', h)).status, 403);
    assert.equal((await call(sim, 'GET', '/api/query?type=vm', h)).status, 200);
  });

  it('limits attributes to fields=, and serves the /api/vms/query shortcut', async () => {
    const h = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
    const res = await call(sim, 'GET', '/api/vms/query?fields=name,status&pageSize=3', h);
    assert.equal(res.status, 200);
    const recs = xmlAttrs(res.body, 'VMRecord');
    assert.equal(recs.length, 3);
    assert.deepEqual(Object.keys(recs[0]).sort(), ['href', 'name', 'status']);
    assert.equal((await call(sim, 'GET', '/api/query?type=vm&fields=nope', h)).status, 400);
  });

  it('logs in on the legacy /api/sessions with both token headers', async () => {
    const basic = Buffer.from(`administrator@System:${sim.provider.password}`).toString('base64');
    const res = await call(sim, 'POST', '/api/sessions', { Authorization: `Basic ${basic}`, Accept: 'application/*+xml;version=38.0' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['x-vcloud-authorization']), /^[0-9a-f]{32}$/);
    assert.ok(String(res.headers['x-vmware-vcloud-access-token']).length > 32);
    assert.equal(xmlAttrs(res.body, 'Session')[0].org, 'System');
    const viaLegacy = await call(sim, 'GET', '/api/query?type=adminOrgVdc', { 'x-vcloud-authorization': String(res.headers['x-vcloud-authorization']), Accept: XML_38 });
    assert.equal(viaLegacy.status, 200);
  });
});

async function userNames(sim: Simulator): Promise<string[]> {
  const auth = { Authorization: `Bearer ${await login(sim, 'tenant')}`, Accept: CLOUD_38 };
  const res = await call(sim, 'GET', '/cloudapi/1.0.0/tokens?pageSize=128', auth);
  return [...new Set(res.json<{ values: { owner: { name: string } }[] }>().values.map((t) => t.owner.name))];
}
