// Open in VCD Portal: which page of which portal each kind of entity opens (the forms and their sources are in
// src/commands/portalUrl.ts), and the API Tokens page SSO users are sent to.
import * as assert from 'node:assert/strict';
import { portalPage, portalTokenPageUrl } from '../../../../src/commands/support/portalUrl';

const tenant = { baseUrl: 'https://vcd.example.com', isSystem: false };
const system = { baseUrl: 'https://vcd.example.com:8443', isSystem: true };
const VDC = '8bdd2156-0a1b-4c2d-8e3f-405162738495';
const VAPP = '68274d62-ad42-4db3-84ff-50145ec1ec95';

describe('VCD portal pages', () => {
  it('opens the tenant portal of the organization, its VDC, and a vApp on its VMs tab', () => {
    assert.deepEqual(portalPage(tenant, { kind: 'org', orgName: 'acme' }), { url: 'https://vcd.example.com/tenant/acme', page: 'org' });
    assert.deepEqual(portalPage(tenant, { kind: 'vdc', orgName: 'acme', vdcUuid: VDC }), { url: `https://vcd.example.com/tenant/acme/vdcs/${VDC}`, page: 'vdc' });
    assert.deepEqual(portalPage(tenant, { kind: 'vapp', orgName: 'acme', vdcUuid: VDC, vappUuid: VAPP }), {
      url: `https://vcd.example.com/tenant/acme/vdcs/${VDC}/vapp/vapp-${VAPP}/vcd-vapp-vms`,
      page: 'vapp',
    });
  });

  it('opens a VM on its vApp’s page, the nearest page the portal is known to have', () => {
    assert.deepEqual(portalPage(tenant, { kind: 'vm', orgName: 'acme', vdcUuid: VDC, vappUuid: VAPP }), {
      url: `https://vcd.example.com/tenant/acme/vdcs/${VDC}/vapp/vapp-${VAPP}/vcd-vapp-vms`,
      page: 'vapp',
    });
  });

  it('falls back to the VDC or the organization when the path is not known, and never puts a non-uuid in the path', () => {
    assert.equal(portalPage(tenant, { kind: 'vm', orgName: 'acme', vdcUuid: VDC }).page, 'vdc');
    assert.equal(portalPage(tenant, { kind: 'vapp', orgName: 'acme', vappUuid: VAPP }).page, 'org');
    assert.deepEqual(portalPage(tenant, { kind: 'vdc', orgName: 'acme', vdcUuid: '../../provider' }), { url: 'https://vcd.example.com/tenant/acme', page: 'org' });
    assert.equal(portalPage(tenant, { kind: 'vm', orgName: 'acme', vdcUuid: VDC, vappUuid: `${VAPP}/../x` }).page, 'vdc');
  });

  it('puts the organization name in one path segment, whatever it contains', () => {
    const page = portalPage(tenant, { kind: 'org', orgName: 'Globex(EU),Ltd./../x?y#z' });
    assert.equal(page.url, 'https://vcd.example.com/tenant/Globex(EU)%2CLtd.%2F..%2Fx%3Fy%23z');
    assert.equal(new URL(page.url).host, 'vcd.example.com');
  });

  it('opens the provider portal for a System site', () => {
    for (const kind of ['org', 'vdc', 'vapp', 'vm'] as const) {
      assert.deepEqual(portalPage(system, { kind, orgName: 'acme', vdcUuid: VDC, vappUuid: VAPP }), { url: 'https://vcd.example.com:8443/provider', page: 'provider' });
    }
    assert.equal(portalTokenPageUrl({ ...system, org: 'System' }), 'https://vcd.example.com:8443/provider/administration/settings/user-preferences');
  });

  it('points SSO users at the portal page of their organization', () => {
    assert.equal(portalTokenPageUrl({ baseUrl: 'https://h', org: 'acme', isSystem: false }), 'https://h/tenant/acme/administration/settings/user-preferences');
    assert.equal(portalTokenPageUrl({ baseUrl: 'https://h', org: 'System', isSystem: true }), 'https://h/provider/administration/settings/user-preferences');
  });
});
