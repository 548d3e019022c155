// The URN of an organization, VDC, vApp or VM, from a record's id or from its href (vcd-api.md §4.4, §5), and the
// links that name something else, which give no id.
import * as assert from 'node:assert/strict';
import { entityUrn, uuidOfHref } from '../../../src/vcd';

const U = '1617dae0-1391-4b02-8981-3452b5d02314';
const V = '68274d62-ad42-4db3-84ff-50145ec1ec95';
const HOST = 'https://api.vcd.portal.skyscapecloud.com';

describe('entity ids (URNs)', () => {
  it('derives the URN of each kind from the href forms VCD uses', () => {
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}` }), `urn:vcloud:vm:${U}`);
    assert.equal(entityUrn('vapp', { href: `${HOST}/api/vApp/vapp-${U}` }), `urn:vcloud:vapp:${U}`);
    assert.equal(entityUrn('vdc', { href: `${HOST}/api/vdc/${U}` }), `urn:vcloud:vdc:${U}`);
    assert.equal(entityUrn('vdc', { href: `${HOST}/api/admin/vdc/${U}` }), `urn:vcloud:vdc:${U}`);
    assert.equal(entityUrn('org', { href: `${HOST}/api/org/${U}` }), `urn:vcloud:org:${U}`);
    assert.equal(entityUrn('org', { href: `${HOST}/api/admin/org/${U}` }), `urn:vcloud:org:${U}`);
    assert.equal(entityUrn('org', { href: `${HOST}/cloudapi/1.0.0/orgs/urn:vcloud:org:${U}` }), `urn:vcloud:org:${U}`);
    assert.equal(entityUrn('vdc', { href: `/cloudapi/1.0.0/vdcs/urn:vcloud:vdc:${U}` }), `urn:vcloud:vdc:${U}`);
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U.toUpperCase()}` }), `urn:vcloud:vm:${U}`, 'VCD writes ids in lower case');
  });

  it('takes the id the record carries, when it is a URN of that kind', () => {
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}`, id: `urn:vcloud:vm:${U}` }), `urn:vcloud:vm:${U}`);
    assert.equal(entityUrn('vm', { href: 'https://host/some/other/link', id: `urn:vcloud:vm:${U}` }), `urn:vcloud:vm:${U}`);
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}`, id: '' }), `urn:vcloud:vm:${U}`, 'an empty id is no id');
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}`, id: 'vm-1' }), `urn:vcloud:vm:${U}`, 'an id that is no URN is not used');
  });

  it('refuses links that name another kind, a template, or nothing, and an id and href that disagree', () => {
    assert.equal(entityUrn('vapp', { href: `${HOST}/api/vApp/vm-${U}` }), undefined, 'a VM link is no vApp id');
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vapp-${U}` }), undefined);
    assert.equal(entityUrn('vapp', { href: `${HOST}/api/vAppTemplate/vappTemplate-${U}` }), undefined, 'a vApp template is not a vApp');
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}/power/action/powerOn` }), undefined, 'an action link');
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-not-a-uuid` }), undefined);
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}x` }), undefined);
    assert.equal(entityUrn('org', { href: `${HOST}/api/org/${U}/vdcs` }), undefined);
    assert.equal(entityUrn('vm', { href: '' }), undefined);
    assert.equal(entityUrn('vm', { href: 'http://[::1' }), undefined, 'not a URL');
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}`, id: `urn:vcloud:vm:${V}` }), undefined, 'id and href name different VMs');
    assert.equal(entityUrn('vm', { href: `${HOST}/api/vApp/vm-${U}`, id: `urn:vcloud:vapp:${U}` }), `urn:vcloud:vm:${U}`, 'an id of another kind is not used');
    assert.equal(entityUrn('vm', { id: `urn:vcloud:vm:${U}:extra` }), undefined);
  });

  it('reads the uuid of a VDC or vApp link (for portal addresses), ignoring host and query', () => {
    assert.equal(uuidOfHref('vdc', `${HOST}/api/vdc/${U}?x=1`), U);
    assert.equal(uuidOfHref('vapp', `/api/vApp/vapp-${V}`), V);
    assert.equal(uuidOfHref('vapp', undefined), undefined);
  });
});
