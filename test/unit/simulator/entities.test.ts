import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { accessToken, call, CLOUD_38, JSON_38, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

describe('simulator: entities and CloudAPI listings', () => {
  let sim: Simulator;
  let tenant: Record<string, string>;
  let provider: Record<string, string>;
  useSimulator(async (started) => {
    sim = started;
    tenant = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
    provider = { Authorization: `Bearer ${await accessToken(sim, 'provider')}`, Accept: XML_38 };
  });

  it('walks org -> vdc -> vApp -> VM with numeric status, URN ids and state-dependent power links', async () => {
    const orgList = await call(sim, 'GET', '/api/org', tenant);
    const [orgRef] = xmlAttrs(orgList.body, 'Org');
    assert.equal(orgRef.name, 'acme');
    const org = await call(sim, 'GET', orgRef.href, tenant);
    const vdcLink = xmlAttrs(org.body, 'Link').find((l) => l.type === 'application/vnd.vmware.vcloud.vdc+xml')!;
    const vdc = await call(sim, 'GET', vdcLink.href, tenant);
    assert.equal(xmlAttrs(vdc.body, 'Vdc')[0].status, '1');
    const vappRef = xmlAttrs(vdc.body, 'ResourceEntity').find((e) => e.type === 'application/vnd.vmware.vcloud.vApp+xml')!;
    const vapp = await call(sim, 'GET', vappRef.href, tenant);
    assert.equal(vapp.status, 200);
    assert.match(xmlAttrs(vapp.body, 'VApp')[0].id, /^urn:vcloud:vapp:/);
    const vms = xmlAttrs(vapp.body, 'Vm');
    assert.ok(vms.length > 0);
    for (const ref of vms) {
      const vm = await call(sim, 'GET', ref.href, tenant);
      assert.match(xmlAttrs(vm.body, 'Vm')[0].status, /^-?\d+$/);
    }
    // The power links follow the state: the same VM powered on (4) offers Power Off, powered off (8) Power On.
    const inState = async (state: 'POWERED_ON' | 'POWERED_OFF'): Promise<{ status: string; rels: string[] }> => {
      sim.inventory.setPowerState(vms[0].href, state);
      const vm = await call(sim, 'GET', vms[0].href, tenant);
      return { status: xmlAttrs(vm.body, 'Vm')[0].status, rels: xmlAttrs(vm.body, 'Link').map((l) => l.rel) };
    };
    const on = await inState('POWERED_ON');
    assert.equal(on.status, '4');
    assert.ok(on.rels.includes('power:powerOff') && !on.rels.includes('power:powerOn'), on.rels.join(', '));
    const off = await inState('POWERED_OFF');
    assert.equal(off.status, '8');
    assert.ok(off.rels.includes('power:powerOn') && !off.rels.includes('power:powerOff'), off.rels.join(', '));
    const json = await call(sim, 'GET', vms[0].href, { ...tenant, Accept: JSON_38 });
    assert.equal(json.headers['content-type'], 'application/vnd.vmware.vcloud.vm+json;version=38.0');
    const body = json.json<{ id: string; status: number; link: unknown[] }>();
    assert.match(body.id, /^urn:vcloud:vm:/);
    assert.equal(typeof body.status, 'number');
    assert.ok(Array.isArray(body.link));
  });

  it('answers 403 for entities of another org, unknown ids and admin views as a tenant', async () => {
    const other = xmlAttrs((await call(sim, 'GET', '/api/query?type=adminVM&filter=' + encodeURIComponent('isVAppTemplate==false'), provider)).body, 'AdminVMRecord')
      .find((r) => r.org !== undefined)!;
    const orgs = xmlAttrs((await call(sim, 'GET', '/api/query?type=organization', provider)).body, 'OrgRecord');
    const acmeHref = orgs.find((o) => o.name === 'acme')!.href;
    const foreign = xmlAttrs((await call(sim, 'GET', `/api/query?type=adminVM&pageSize=128&filter=${encodeURIComponent(`org!=${acmeHref}`)}`, provider)).body, 'AdminVMRecord')[0];
    assert.ok(other && foreign);
    const res = await call(sim, 'GET', foreign.href, tenant);
    assert.equal(res.status, 403);
    assert.equal(xmlAttrs(res.body, 'Error')[0].minorErrorCode, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
    assert.equal((await call(sim, 'GET', '/api/vApp/vm-00000000-0000-4000-8000-000000000000', tenant)).status, 403);
    const vdcId = xmlAttrs((await call(sim, 'GET', '/api/query?type=orgVdc&format=idrecords', tenant)).body, 'OrgVdcRecord')[0].id.split(':').pop();
    assert.equal((await call(sim, 'GET', `/api/admin/vdc/${vdcId}`, tenant)).status, 403);
    assert.equal((await call(sim, 'GET', `/api/admin/vdc/${vdcId}`, provider)).status, 200);
  });

  it('lists CloudAPI orgs and vdcs as Page JSON with a Link header, per visibility', async () => {
    const cloud = { Authorization: provider.Authorization, Accept: CLOUD_38 };
    const page1 = await call(sim, 'GET', '/cloudapi/1.0.0/vdcs?pageSize=2&sortAsc=name', cloud);
    const body = page1.json<{ resultTotal: number; pageCount: number; page: number; values: { id: string; org: { name: string } }[] }>();
    assert.equal(body.resultTotal, 6);
    assert.equal(body.pageCount, 3);
    assert.equal(body.values.length, 2);
    const link = ([] as string[]).concat(page1.headers.link ?? []).join(', ');
    assert.match(link, /page=2>;rel="nextPage";type="application\/json";model="OrgVdcs"/);
    assert.match(link, /page=3>;rel="lastPage"/);
    const tenantOrgs = await call(sim, 'GET', '/cloudapi/1.0.0/orgs', { Authorization: tenant.Authorization, Accept: CLOUD_38 });
    assert.deepEqual(tenantOrgs.json<{ values: { name: string }[] }>().values.map((o) => o.name), ['acme']);
    const odd = await call(sim, 'GET', `/cloudapi/1.0.0/orgs?filter=${encodeURIComponent('name==Globex\\(EU\\)\\,Ltd.')}`, cloud);
    assert.equal(odd.json<{ resultTotal: number }>().resultTotal, 1);
  });
});
