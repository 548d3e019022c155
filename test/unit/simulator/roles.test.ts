// The simulator's roles: a vApp User of the demo tenant sees what VCD shows a non-admin, and the demo's other users
// see what they always saw.
import * as assert from 'node:assert/strict';
import { generateInventory, type Simulator } from '../../simulator';
import { accessToken, call, JSON_38, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

describe('simulator: a vApp User (non-admin role) of the tenant org', () => {
  let sim: Simulator;
  let user: Record<string, string>;
  let admin: Record<string, string>;
  useSimulator(async (started) => {
    sim = started;
    user = { Authorization: `Bearer ${await accessToken(sim, 'vappUser')}`, Accept: XML_38 };
    admin = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
  });

  const names = (xml: string, element: string): string[] => xmlAttrs(xml, element).map((r) => r.name);

  it('is a user of the tenant org, other than its org admin, with its own API token', () => {
    assert.equal(sim.vappUser.org, sim.tenant.org);
    assert.notEqual(sim.vappUser.user, sim.tenant.user);
    assert.notEqual(sim.vappUser.apiToken, sim.tenant.apiToken);
    assert.equal(sim.vappUser.password, sim.tenant.password);
  });

  it('is refused the organization and admin* query types (403), like every tenant role but the org admin', async () => {
    for (const type of ['organization', 'adminOrgVdc', 'adminVApp', 'adminVM']) {
      const res = await call(sim, 'GET', `/api/query?type=${type}`, user);
      assert.equal(res.status, 403, type);
      assert.equal(xmlAttrs(res.body, 'Error')[0].minorErrorCode, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
    }
    assert.equal((await call(sim, 'GET', '/api/query?type=organization', admin)).status, 200, 'the org admin may');
  });

  it('finds its organization in /api/org and /api/session, and reads the org with its full name', async () => {
    const list = await call(sim, 'GET', '/api/org', user);
    assert.equal(list.status, 200);
    const orgs = xmlAttrs(list.body, 'Org');
    assert.deepEqual(orgs.map((o) => o.name), [sim.tenant.org]);
    const session = xmlAttrs((await call(sim, 'GET', '/api/session', user)).body, 'Session')[0];
    assert.deepEqual([session.org, session.user, session.roles], [sim.tenant.org, sim.vappUser.user, 'vApp User']);
    const org = await call(sim, 'GET', orgs[0].href, user);
    assert.equal(org.status, 200);
    assert.match(org.body, /<FullName>ACME Corporation<\/FullName>/);
    const json = await call(sim, 'GET', '/api/org', { ...user, Accept: JSON_38 });
    assert.deepEqual(json.json<{ org: { name: string }[] }>().org.map((o) => o.name), [sim.tenant.org]);
  });

  it('lists every VDC of its org, but only the vApps and VMs it owns or that are shared with the org', async () => {
    const vdcs = names((await call(sim, 'GET', '/api/query?type=orgVdc&sortAsc=name', user)).body, 'OrgVdcRecord');
    assert.deepEqual(vdcs, names((await call(sim, 'GET', '/api/query?type=orgVdc&sortAsc=name', admin)).body, 'OrgVdcRecord'));
    assert.equal(vdcs.length, 2);

    const vapps = await call(sim, 'GET', '/api/query?type=vApp&sortAsc=name&pageSize=128', user);
    const own = sim.inventory.vappNames({ orgName: sim.tenant.org, visibleTo: 'vappUser' });
    const all = sim.inventory.vappNames({ orgName: sim.tenant.org });
    assert.deepEqual(names(vapps.body, 'VAppRecord'), own);
    assert.ok(own.length > 0 && own.length < all.length, `a strict, non-empty part: ${own.length} of ${all.length} vApps`);
    assert.ok(xmlAttrs(vapps.body, 'VAppRecord').some((r) => r.ownerName === sim.vappUser.user), 'some are its own');
    assert.ok(xmlAttrs(vapps.body, 'VAppRecord').some((r) => r.ownerName !== sim.vappUser.user), 'some are shared with it');

    const filter = encodeURIComponent('isVAppTemplate==false');
    const vms = await call(sim, 'GET', `/api/query?type=vm&sortAsc=name&pageSize=128&filter=${filter}`, user);
    const visible = sim.inventory.vmNames({ orgName: sim.tenant.org, visibleTo: 'vappUser' });
    assert.deepEqual(names(vms.body, 'VMRecord'), visible);
    assert.equal(Number(xmlAttrs(vms.body, 'QueryResultRecords')[0].total), visible.length);
    assert.ok(visible.length > 0 && visible.length < sim.inventory.vmNames({ orgName: sim.tenant.org }).length);

    const json = await call(sim, 'GET', `/api/query?type=vm&sortAsc=name&pageSize=128&filter=${filter}`, { ...user, Accept: JSON_38 });
    assert.deepEqual(json.json<{ record: { name: string }[] }>().record.map((r) => r.name), visible, 'the same in JSON');
  });

  it('sees no vApp in the VDCs where it owns none and none is shared', async () => {
    const vdcs = xmlAttrs((await call(sim, 'GET', '/api/query?type=orgVdc&sortAsc=name', user)).body, 'OrgVdcRecord');
    const counts = await Promise.all(vdcs.map(async (vdc) => {
      const res = await call(sim, 'GET', `/api/query?type=vApp&filter=${encodeURIComponent(`vdc==${vdc.href}`)}`, user);
      return Number(xmlAttrs(res.body, 'QueryResultRecords')[0].total);
    }));
    assert.ok(counts.includes(0) && counts.some((n) => n > 0), `vApps per VDC: ${counts.join(', ')}`);
    for (const vdc of vdcs) {
      assert.equal(names((await call(sim, 'GET', vdc.href, user)).body, 'ResourceEntity').filter((n) => sim.inventory.vappNames().includes(n)).length,
        sim.inventory.vappNames({ orgName: sim.tenant.org, visibleTo: 'vappUser', vdcName: vdc.name }).length,
        'the VDC document names only the vApps it may view');
    }
  });

  it('gets 403 for vApps and VMs it may not view, as VCD answers for entities you cannot see', async () => {
    const filter = encodeURIComponent('isVAppTemplate==false');
    const query = `/api/query?type=vm&pageSize=128&filter=${filter}`;
    const every = xmlAttrs((await call(sim, 'GET', query, admin)).body, 'VMRecord');
    const mine = xmlAttrs((await call(sim, 'GET', query, user)).body, 'VMRecord');
    const visible = new Set(mine.map((vm) => vm.href));
    const hidden = every.find((vm) => !visible.has(vm.href))!;
    const shown = mine[0];
    for (const href of [hidden.href, hidden.container]) {
      const res = await call(sim, 'GET', href, user);
      assert.equal(res.status, 403, href);
      assert.equal(xmlAttrs(res.body, 'Error')[0].minorErrorCode, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
      assert.equal((await call(sim, 'GET', href, admin)).status, 200, 'the org admin reads it');
    }
    assert.equal((await call(sim, 'GET', shown.href, user)).status, 200);
    assert.equal((await call(sim, 'GET', shown.container, user)).status, 200);
  });

  it('never serves one viewer the cached page of another', async () => {
    const path = '/api/query?type=vApp&sortAsc=name&pageSize=128';
    const mine = names((await call(sim, 'GET', path, user)).body, 'VAppRecord');
    const theirs = names((await call(sim, 'GET', path, admin)).body, 'VAppRecord');
    const mineAgain = names((await call(sim, 'GET', path, user)).body, 'VAppRecord');
    assert.deepEqual(theirs, sim.inventory.vappNames({ orgName: sim.tenant.org }));
    assert.deepEqual(mineAgain, mine);
    assert.notDeepEqual(mine, theirs);
  });

  it('leaves the org admin and the vApp Author the whole org, as before', async () => {
    const author = sim.createApiToken(sim.tenant.org, authorName(sim)!, 'roles-test');
    const res = await call(sim, 'POST', `/oauth/tenant/${sim.tenant.org}/token`, { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: author }).toString());
    const h = { Authorization: `Bearer ${res.json<{ access_token: string }>().access_token}`, Accept: XML_38 };
    const filter = encodeURIComponent('isVAppTemplate==false');
    const all = sim.inventory.vmNames({ orgName: sim.tenant.org });
    for (const who of [admin, h]) {
      const vms = await call(sim, 'GET', `/api/query?type=vm&sortAsc=name&pageSize=128&filter=${filter}`, who);
      assert.deepEqual(names(vms.body, 'VMRecord'), all);
    }
    assert.deepEqual(sim.inventory.vmNames({ orgName: sim.tenant.org, visibleTo: 'tenant' }), all);
  });
});

describe('simulator inventory: the vApp User', () => {
  it('owns some vApps of the first tenant org and is shared others, in its first VDC only, for every seed and size', () => {
    for (const inv of [generateInventory(), generateInventory({ seed: 7 }), generateInventory({ totalVms: 3000 })]) {
      const user = inv.vappUser!;
      assert.equal(user.role, 'vApp User');
      assert.equal(user.org, inv.orgs[1]);
      const [first, ...others] = user.org.vdcs;
      assert.ok(first.vapps.some((a) => a.owner === user && a.vms.length > 0), 'owns a vApp with VMs');
      assert.ok(first.vapps.some((a) => a.sharedWithOrg && a.owner !== user), 'is shared one');
      assert.ok(first.vapps.some((a) => !a.sharedWithOrg && a.owner !== user), 'and not every one');
      for (const vdc of others) assert.ok(vdc.vapps.every((a) => a.owner !== user && !a.sharedWithOrg));
    }
  });
});

function authorName(sim: Simulator): string | undefined {
  const inv = generateInventory();
  return inv.orgs.find((o) => o.name === sim.tenant.org)?.users.find((u) => u.role === 'vApp Author')?.name;
}
