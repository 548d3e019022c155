// A tenant site works for every role: the client finds the site's organization without the admin-only
// `organization` query, and lists VDCs, vApps and VMs with the non-admin query types, exactly as the role may see them.
import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator';
import { filterAnd, filterEq, isVcdError, LogEntry, MAX_ORG_LIST_ENTRIES, OrgRecord, parseOrgDocument, parseOrgList, VcdClient } from '../../../src/vcd';
import { DemoUser } from '../../simulator';
import { kind, routeCount, siteClient, useSimulator } from '../../support/simHelpers';

interface Walked {
  org: OrgRecord;
  vdcs: { name: string; vapps: { name: string; vms: string[] }[] }[];
}

/** Walks a tenant site the way the tree does: organization, then orgVdc, vApp by VDC, vm by vApp (no templates). */
async function walk(client: VcdClient, orgName: string): Promise<Walked> {
  const org = await client.sessionOrganization(orgName);
  const vdcs = (await client.query('orgVdc', { sortAsc: 'name' })).records;
  return {
    org,
    vdcs: await Promise.all(vdcs.map(async (vdc) => {
      const vapps = (await client.query('vApp', { filter: filterEq('vdc', vdc.href), sortAsc: 'name' })).records;
      return {
        name: vdc.name,
        vapps: await Promise.all(vapps.map(async (vapp) => ({
          name: vapp.name,
          vms: (await client.query('vm', { filter: filterAnd(filterEq('container', vapp.href), filterEq('isVAppTemplate', 'false')), sortAsc: 'name' })).records.map((vm) => vm.name),
        }))),
      };
    })),
  };
}

function requestLines(logs: LogEntry[]): string[] {
  return logs.filter((l) => l.level === 'info').map((l) => l.message);
}

describe('a tenant site for every role', function () {
  this.timeout(60_000);
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  for (const format of ['json', 'xml'] as const) {
    it(`lists the vApp User's organization, VDCs, vApps and VMs, exactly what it may see (${format})`, async () => {
      const logs: LogEntry[] = [];
      const { client } = await siteClient(sim, 'vappUser', { queryFormat: format }, logs);
      const tree = await walk(client, sim.vappUser.org);
      assert.equal(tree.org.name, sim.tenant.org);
      assert.equal(tree.org.displayName, 'ACME Corporation', 'the full name, from the org document');
      assert.equal(tree.org.numberOfVdcs, sim.inventory.count('adminOrgVdc', { orgName: sim.tenant.org }));
      assert.match(tree.org.href, new RegExp(`^${sim.url.replace(/[.]/g, '\\.')}/api/org/[0-9a-f-]{36}$`));
      assert.equal(tree.vdcs.length, sim.inventory.count('adminOrgVdc', { orgName: sim.tenant.org }), 'every VDC of the org');
      for (const vdc of tree.vdcs) {
        assert.deepEqual(vdc.vapps.map((a) => a.name), sim.inventory.vappNames({ orgName: sim.tenant.org, vdcName: vdc.name, visibleTo: 'vappUser' }), `vApps of ${vdc.name}`);
      }
      assert.ok(tree.vdcs.some((v) => v.vapps.length === 0), 'a VDC where it sees no vApp lists none, without an error');
      const vms = tree.vdcs.flatMap((v) => v.vapps.flatMap((a) => a.vms));
      const visible = sim.inventory.vmNames({ orgName: sim.tenant.org, visibleTo: 'vappUser' });
      assert.deepEqual([...vms].sort(), [...visible].sort(), 'exactly the VMs it may view');
      assert.ok(visible.length > 0 && visible.length < sim.inventory.vmNames({ orgName: sim.tenant.org }).length, 'a strict, non-empty part of the org');
      const lines = requestLines(logs);
      assert.ok(lines.some((l) => /^GET \/api\/org -> 200/.test(l)), lines.join('\n'));
      assert.ok(!lines.some((l) => /type=(organization|admin)/.test(l)), `no admin-only query type:\n${lines.join('\n')}`);
      assert.ok(!lines.some((l) => /-> 403/.test(l)), 'no request was refused');
    });
  }

  it('the vApp User may not run the organization query: that is why the site does not use it', async () => {
    const { client } = await siteClient(sim, 'vappUser');
    await assert.rejects(client.query('organization'), kind('forbidden'));
  });

  it("lists the org admin's whole organization the same way", async () => {
    const { client } = await siteClient(sim, 'tenant');
    const tree = await walk(client, sim.tenant.org);
    assert.equal(tree.org.displayName, 'ACME Corporation');
    const vms = tree.vdcs.flatMap((v) => v.vapps.flatMap((a) => a.vms));
    assert.deepEqual([...vms].sort(), [...sim.inventory.vmNames({ orgName: sim.tenant.org })].sort());
  });

  it('finds the organization in any case of its name, with two requests', async () => {
    const { client } = await siteClient(sim, 'vappUser');
    await client.apiVersion();
    sim.resetCounters();
    const org = await client.sessionOrganization(sim.tenant.org.toUpperCase());
    assert.equal(org.name, sim.tenant.org, 'the name as the server spells it');
    assert.equal(routeCount(sim, 'GET /api/org'), 1);
    assert.equal(sim.counters.requests - sim.counters.exchanges, 2, 'the org list and the org document');
  });

  it('still shows the organization, by name, when the server refuses its document', async () => {
    const { client } = await siteClient(sim, 'vappUser');
    sim.inject({ kind: 'status', status: 403, path: /^\/api\/org\/[0-9a-f-]{36}$/, times: 10 });
    const org = await client.sessionOrganization(sim.tenant.org);
    assert.equal(org.name, sim.tenant.org);
    assert.equal(org.displayName, undefined);
    assert.match(org.href, /\/api\/org\/[0-9a-f-]{36}$/);
  });

  it('says so when the session belongs to another organization than the site', async () => {
    const { client } = await siteClient(sim, 'vappUser');
    const other = sim.inventory.orgNames().find((n) => n !== sim.tenant.org && n !== 'System')!;
    await assert.rejects(
      client.sessionOrganization(other),
      kind('forbidden', (e) => e.message === `This API token signs in to organization “${sim.tenant.org}” on ${new URL(sim.url).host}, not to “${other}”. Set an API token of a user of “${other}”, or add a site for the token's organization.`),
    );
  });

  it('a failing organization list is an error in the user terms, not an empty tree', async () => {
    const { client } = await siteClient(sim, 'vappUser');
    sim.inject({ kind: 'status', status: 503, path: /^\/api\/org$/, times: 10 });
    await assert.rejects(client.sessionOrganization(sim.tenant.org), kind('serverError'));
    sim.clearFaults();
    sim.inject({ kind: 'malformedXml', path: /^\/api\/org$/, times: 10 });
    await assert.rejects(client.sessionOrganization(sim.tenant.org), kind('malformedResponse', (e) => /organization list/.test(e.message)));
  });

  for (const who of ['vappUser', 'tenant'] as DemoUser[]) {
    it(`gets 403 for a vApp of the org only where VCD refuses it (${who})`, async () => {
      const { client: admin } = await siteClient(sim, 'tenant');
      const { client } = await siteClient(sim, who);
      const every = (await admin.query('vApp')).records;
      const mine = new Set((await client.query('vApp')).records.map((a) => a.href));
      const answers: string[] = [];
      for (const vapp of every) answers.push(await client.getRaw(vapp.href).then((r) => `HTTP ${r.status}`, (e: unknown) => (isVcdError(e) ? e.kind : String(e))));
      assert.deepEqual(answers, every.map((vapp) => (mine.has(vapp.href) ? 'HTTP 200' : 'forbidden')), 'each vApp it lists opens, each other one is forbidden');
      assert.equal(mine.size, who === 'tenant' ? every.length : sim.inventory.vappNames({ orgName: sim.tenant.org, visibleTo: 'vappUser' }).length);
    });
  }
});

describe('OrgList and Org documents', () => {
  const list = (orgs: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<OrgList xmlns="http://www.vmware.com/vcloud/v1.5" href="https://h/api/org/" type="application/vnd.vmware.vcloud.orgList+xml">${orgs}</OrgList>`;

  it('reads the org references of an OrgList in XML and JSON, skipping entries without name or href', () => {
    const xml = list('<Org href="https://h/api/org/1" name="acme &amp; co" type="application/vnd.vmware.vcloud.org+xml"/><Org href="https://h/api/org/2"/>');
    assert.deepEqual(parseOrgList(xml, 'application/vnd.vmware.vcloud.orgList+xml;version=39.1'), [{ name: 'acme & co', href: 'https://h/api/org/1' }]);
    const json = JSON.stringify({ otherAttributes: {}, org: [{ href: 'https://h/api/org/1', name: 'acme', type: 'x' }, { name: 7 }, null, 'x'] });
    assert.deepEqual(parseOrgList(json, 'application/vnd.vmware.vcloud.orgList+json;version=39.1'), [{ name: 'acme', href: 'https://h/api/org/1' }]);
    assert.deepEqual(parseOrgList(list(''), undefined), []);
  });

  it('refuses what is not an OrgList, a DOCTYPE, and more entries than it reads', () => {
    assert.throws(() => parseOrgList('<Vdc name="a" href="b"/>', 'application/xml'), /Expected OrgList, got Vdc/);
    assert.throws(() => parseOrgList('<Org name="a" href="b"/>', 'application/xml'), /Expected one root element/);
    assert.throws(() => parseOrgList('<!DOCTYPE x [<!ENTITY a "b">]><OrgList/>', 'application/xml'), /DOCTYPE/);
    assert.throws(() => parseOrgList('{"org": [', 'application/json'), /Not JSON/);
    const many = JSON.stringify({ org: Array.from({ length: MAX_ORG_LIST_ENTRIES + 1 }, (_, i) => ({ name: `o${i}`, href: `https://h/api/org/${i}` })) });
    assert.throws(() => parseOrgList(many, 'application/json'), /more than the 10000/);
  });

  it('reads the full name and counts distinct VDC links of an Org document', () => {
    const xml = '<Org xmlns="http://www.vmware.com/vcloud/v1.5" name="acme" href="https://h/api/org/1">'
      + '<Link rel="down" href="https://h/api/vdc/1" type="application/vnd.vmware.vcloud.vdc+xml" name="a"/>'
      + '<Link rel="down" href="https://h/api/vdc/1" type="application/vnd.vmware.vcloud.vdc+xml" name="a"/>'
      + '<Link rel="down" href="https://h/api/vdc/2" type="application/vnd.vmware.vcloud.vdc+xml" name="b"/>'
      + '<Link rel="down" href="https://h/api/tasksList/1" type="application/vnd.vmware.vcloud.tasksList+xml"/>'
      + '<Description/><FullName> ACME &amp; Co </FullName></Org>';
    assert.deepEqual(parseOrgDocument(xml, 'application/vnd.vmware.vcloud.org+xml'), { fullName: 'ACME & Co', vdcCount: 2 });
    const json = JSON.stringify({ name: 'acme', fullName: 'ACME', link: [{ rel: 'down', href: 'https://h/api/vdc/1', type: 'application/vnd.vmware.vcloud.vdc+json' }, { rel: 'up', href: 'x', type: 'application/vnd.vmware.vcloud.vdc+json' }] });
    assert.deepEqual(parseOrgDocument(json, 'application/vnd.vmware.vcloud.org+json'), { fullName: 'ACME', vdcCount: 1 });
    assert.deepEqual(parseOrgDocument(JSON.stringify({ fullName: '  ' }), 'application/json'), { vdcCount: 0 });
    assert.equal(parseOrgDocument(JSON.stringify({ fullName: 'x'.repeat(100_000) }), 'application/json').fullName?.length, 256, 'a long full name is cut');
    assert.throws(() => parseOrgDocument(list(''), 'application/xml'), /Expected Org/);
  });
});
