import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { accessToken, call, JSON_38, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

/** The backslash escaping of 35.0+: `( ) ; ,` inside values. */
function esc(value: string): string {
  return value.replace(/[\\(),;]/g, (c) => `\\${c}`);
}

describe('simulator: query service', () => {
  let sim: Simulator;
  let tenant: Record<string, string>;
  let provider: Record<string, string>;
  useSimulator(async (started) => {
    sim = started;
    tenant = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
    provider = { Authorization: `Bearer ${await accessToken(sim, 'provider')}`, Accept: XML_38 };
  });

  const rels = (xml: string): string[] => xmlAttrs(xml, 'Link').map((l) => l.rel);

  it('carries the envelope and navigation links exactly on the first, middle, last and beyond-last pages', async () => {
    const total = sim.inventory.count('adminVM');
    assert.ok(total > 60, `demo inventory has ${total} VMs`);
    const pageSize = 20;
    const last = Math.ceil(total / pageSize);
    const get = (page: number): Promise<string> => call(sim, 'GET', `/api/query?type=adminVM&page=${page}&pageSize=${pageSize}`, provider).then((r) => r.body);
    const first = await get(1);
    const root = xmlAttrs(first, 'QueryResultRecords')[0];
    assert.deepEqual([root.total, root.page, root.pageSize, root.name], [String(total), '1', String(pageSize), 'adminVM']);
    assert.equal(root.href, `${sim.url}/api/query?type=adminVM&page=1&pageSize=${pageSize}&format=records`);
    assert.deepEqual(rels(first), ['nextPage', 'lastPage', 'alternate', 'alternate']);
    assert.equal(xmlAttrs(first, 'Link')[1].href, `${sim.url}/api/query?type=adminVM&page=${last}&pageSize=${pageSize}&format=records`);
    assert.equal(xmlAttrs(first, 'AdminVMRecord').length, pageSize);
    assert.deepEqual(rels(await get(2)), ['firstPage', 'previousPage', 'nextPage', 'lastPage', 'alternate', 'alternate']);
    const lastXml = await get(last);
    assert.deepEqual(rels(lastXml), ['firstPage', 'previousPage', 'alternate', 'alternate']);
    assert.equal(xmlAttrs(lastXml, 'AdminVMRecord').length, total - (last - 1) * pageSize);
    const beyond = await get(last + 3);
    assert.equal(xmlAttrs(beyond, 'QueryResultRecords')[0].total, String(total));
    assert.equal(xmlAttrs(beyond, 'AdminVMRecord').length, 0);
  });

  it('renders a page once, but never serves one viewer\'s page to another (the answer cache is per viewer)', async () => {
    const path = '/api/query?type=vm&pageSize=128&sortAsc=name';
    const asProvider = await call(sim, 'GET', path, provider);
    const asTenant = await call(sim, 'GET', path, tenant);
    const again = await call(sim, 'GET', '/api/query?sortAsc=name&pageSize=128&type=vm', provider);
    assert.equal(again.body, asProvider.body, 'the same query (parameters in any order) gives the same page');
    const vdcs = (xml: string): Set<string> => new Set(xmlAttrs(xml, 'VMRecord').map((r) => r.vdc));
    assert.ok(vdcs(asProvider.body).size > vdcs(asTenant.body).size, 'the tenant sees only its own VDCs');
    const total = (xml: string): number => Number(xmlAttrs(xml, 'QueryResultRecords')[0].total);
    assert.ok(total(asTenant.body) < total(asProvider.body), 'the tenant counts only its own VMs');
  });

  it('pages through every record once in a stable order and clamps pageSize to 128', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const xml = (await call(sim, 'GET', `/api/query?type=adminVM&page=${page}&pageSize=30&sortAsc=name`, provider)).body;
      const recs = xmlAttrs(xml, 'AdminVMRecord');
      seen.push(...recs.map((r) => r.href));
      if (!rels(xml).includes('nextPage')) break;
    }
    assert.equal(seen.length, sim.inventory.count('adminVM'));
    assert.equal(new Set(seen).size, seen.length);
    const big = await call(sim, 'GET', '/api/query?type=adminVM&pageSize=500', provider);
    assert.equal(xmlAttrs(big.body, 'QueryResultRecords')[0].pageSize, '128');
  });

  it('filters on names with special characters using backslash escapes and pct-encoding', async () => {
    const vdcName = 'Dev & Test (EU); zone, *';
    const filter = `name==${esc(vdcName)}`;
    const res = await call(sim, 'GET', `/api/query?type=orgVdc&filter=${encodeURIComponent(filter)}`, tenant);
    assert.equal(res.status, 200);
    const recs = xmlAttrs(res.body, 'OrgVdcRecord');
    assert.equal(recs.length, 1);
    assert.equal(recs[0].name, vdcName);
    const vms = await call(sim, 'GET', `/api/query?type=vm&pageSize=128&filter=${encodeURIComponent(`vdcName==${esc(vdcName)};isVAppTemplate==false`)}`, tenant);
    const vmRecs = xmlAttrs(vms.body, 'VMRecord');
    assert.ok(vmRecs.length > 0);
    assert.ok(vmRecs.every((r) => r.vdcName === vdcName && r.isVAppTemplate === 'false'));
    const unescaped = await call(sim, 'GET', `/api/query?type=orgVdc&filter=${encodeURIComponent(`name==${vdcName}`)}`, tenant);
    assert.equal(unescaped.status, 400);
  });

  it('supports OR, parentheses, != and case-insensitive wildcards; by container href', async () => {
    const all = xmlAttrs((await call(sim, 'GET', '/api/query?type=vm&pageSize=128', tenant)).body, 'VMRecord');
    const upper = await call(sim, 'GET', `/api/query?type=vm&pageSize=128&filter=${encodeURIComponent('name==WEB*')}`, tenant);
    const expected = all.filter((r) => r.name.toLowerCase().startsWith('web'));
    assert.ok(expected.length > 0);
    assert.deepEqual(xmlAttrs(upper.body, 'VMRecord').map((r) => r.href), expected.map((r) => r.href));
    const container = all[0].container;
    const byContainer = await call(sim, 'GET', `/api/query?type=vm&pageSize=128&filter=${encodeURIComponent(`(container==${container};isVAppTemplate==false)`)}`, tenant);
    assert.deepEqual(xmlAttrs(byContainer.body, 'VMRecord').map((r) => r.href), all.filter((r) => r.container === container).map((r) => r.href));
    const orFilter = `(status==POWERED_OFF,status==SUSPENDED);isVAppTemplate!=true`;
    const or = xmlAttrs((await call(sim, 'GET', `/api/query?type=vm&pageSize=128&filter=${encodeURIComponent(orFilter)}`, tenant)).body, 'VMRecord');
    assert.deepEqual(or.map((r) => r.href), all.filter((r) => (r.status === 'POWERED_OFF' || r.status === 'SUSPENDED') && r.isVAppTemplate !== 'true').map((r) => r.href));
  });

  it('answers 400 BAD_REQUEST for an unknown filter attribute', async () => {
    const res = await call(sim, 'GET', `/api/query?type=vm&filter=${encodeURIComponent('colour==red')}`, tenant);
    assert.equal(res.status, 400);
    assert.equal(xmlAttrs(res.body, 'Error')[0].minorErrorCode, 'BAD_REQUEST');
    assert.match(xmlAttrs(res.body, 'Error')[0].message, /^\[ [0-9a-f-]{36} \] /);
  });

  it('shows tenants only their own org and refuses admin types with 403', async () => {
    for (const type of ['adminVM', 'adminVApp', 'adminOrgVdc']) {
      const res = await call(sim, 'GET', `/api/query?type=${type}`, tenant);
      assert.equal(res.status, 403, type);
      assert.equal(xmlAttrs(res.body, 'Error')[0].minorErrorCode, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
    }
    const orgs = xmlAttrs((await call(sim, 'GET', '/api/query?type=organization', tenant)).body, 'OrgRecord');
    assert.deepEqual(orgs.map((o) => o.name), ['acme']);
    const vms = xmlAttrs((await call(sim, 'GET', '/api/query?type=vm&pageSize=128', tenant)).body, 'QueryResultRecords')[0];
    assert.equal(Number(vms.total), sim.inventory.count('adminVM', { orgName: 'acme' }));
    const allOrgs = xmlAttrs((await call(sim, 'GET', '/api/query?type=organization', provider)).body, 'OrgRecord');
    assert.deepEqual(allOrgs.map((o) => o.name), sim.inventory.orgNames());
  });

  it('sorts by name as inventory.vmNames says, and gives status names, not numbers', async () => {
    const res = await call(sim, 'GET', `/api/query?type=vm&pageSize=128&sortAsc=name&filter=${encodeURIComponent('isVAppTemplate==false')}`, tenant);
    const recs = xmlAttrs(res.body, 'VMRecord');
    assert.deepEqual(recs.map((r) => r.name), sim.inventory.vmNames({ orgName: 'acme' }));
    assert.ok(recs.every((r) => /^[A-Z_]+$/.test(r.status)));
    assert.ok(recs.some((r) => r.ipAddress === undefined), 'some VMs have no ipAddress attribute at all');
  });

  it('returns the JSON form with record[], _type and otherAttributes for non-XSD attributes', async () => {
    const res = await call(sim, 'GET', '/api/query?type=vm&pageSize=3&links=true', { ...tenant, Accept: JSON_38 });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.vmware.vcloud.query.records+json;version=38.0');
    const body = res.json<{ total: number; page: number; pageSize: number; name: string; link: { rel: string }[]; record: Record<string, unknown>[] }>();
    assert.deepEqual([body.page, body.pageSize, body.name], [1, 3, 'vm']);
    assert.equal(body.record.length, 3);
    const rec = body.record[0];
    assert.equal(rec._type, 'QueryResultVMRecordType');
    assert.equal(typeof rec.numberOfCpus, 'number');
    assert.equal(typeof (rec.otherAttributes as Record<string, unknown>).vmToolsVersion, 'string');
    assert.equal(rec.vmToolsVersion, undefined);
    assert.ok(Array.isArray(rec.link));
    assert.deepEqual(body.link.map((l) => l.rel), ['nextPage', 'lastPage', 'alternate', 'alternate']);
  });

  it('honours fields= like VCD: the attributes asked for and href; in JSON the schema\'s others null', async () => {
    const path = '/api/query?type=vm&pageSize=3&sortAsc=name&fields=name,status,ipAddress,taskStatusName';
    const xml = await call(sim, 'GET', path, tenant);
    assert.equal(xml.status, 200);
    const full = xmlAttrs((await call(sim, 'GET', '/api/query?type=vm&pageSize=3&sortAsc=name', tenant)).body, 'VMRecord');
    const lean = xmlAttrs(xml.body, 'VMRecord');
    assert.equal(lean.length, 3);
    lean.forEach((rec, i) => {
      const asked = Object.keys(rec).filter((k) => k !== 'href');
      assert.ok(asked.every((k) => ['name', 'status', 'ipAddress', 'taskStatusName'].includes(k)), `only what was asked: ${asked.join(', ')}`);
      for (const k of ['href', 'name', 'status', 'ipAddress', 'taskStatusName']) assert.equal(rec[k], full[i][k], k);
    });
    assert.ok(full.some((rec) => rec.guestOs !== undefined) && lean.every((rec) => rec.guestOs === undefined));

    const body = (await call(sim, 'GET', path, { ...tenant, Accept: JSON_38 })).json<{ record: Record<string, unknown>[] }>();
    const rec = body.record[0];
    assert.equal(rec.name, lean[0].name);
    assert.equal(rec.href, lean[0].href);
    // An XSD attribute not asked for is written as null, as VCD writes every absent attribute of the record's type.
    assert.ok('guestOs' in rec && rec.guestOs === null && rec.numberOfCpus === null);
    // Non-XSD attributes (otherAttributes) only when asked for.
    assert.deepEqual(Object.keys(rec.otherAttributes as object).filter((k) => k !== 'taskStatusName'), []);
  });

  it('serves the idrecords and references formats', async () => {
    const ids = await call(sim, 'GET', '/api/query?type=vApp&format=idrecords&pageSize=2', tenant);
    const rec = xmlAttrs(ids.body, 'VAppRecord')[0];
    assert.match(rec.id, /^urn:vcloud:vapp:[0-9a-f-]{36}$/);
    assert.match(rec.vdc, /^urn:vcloud:vdc:/);
    const refs = await call(sim, 'GET', '/api/query?type=vApp&format=references&pageSize=2', tenant);
    assert.match(String(refs.headers['content-type']), /^application\/vnd\.vmware\.vcloud\.query\.references\+xml;version=38\.0$/);
    assert.equal(xmlAttrs(refs.body, 'VAppReference').length, 2);
  });
});
