import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { accessToken, call, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

describe('simulator: versions and the version gate', () => {
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  it('lists versions unsorted with 5.5 last, deprecated flags and login URLs on its own base URL', async () => {
    const res = await call(sim, 'GET', '/api/versions');
    assert.equal(res.status, 200);
    const versions = [...res.body.matchAll(/<Version>([^<]+)<\/Version>/g)].map((m) => m[1]);
    assert.equal(versions[versions.length - 1], '5.5');
    const sorted = [...versions].sort((a, b) => parseFloat(a) - parseFloat(b));
    assert.notDeepEqual(versions, sorted, 'must not be numerically sorted');
    assert.ok(versions.includes('38.0') && versions.includes('39.1'));
    assert.match(res.body, /<VersionInfo deprecated="true">\s*<Version>35\.0<\/Version>/);
    assert.match(res.body, /<VersionInfo deprecated="false">\s*<Version>38\.0<\/Version>/);
    assert.ok(res.body.includes(`<LoginUrl>${sim.url}/cloudapi/1.0.0/sessions</LoginUrl>`));
    assert.ok(res.body.includes(`<ProviderLoginUrl>${sim.url}/cloudapi/1.0.0/sessions/provider</ProviderLoginUrl>`));
    assert.match(String(res.headers['x-vmware-vcloud-request-id']), /^[0-9a-f-]{36}$/);
    assert.ok(res.headers['x-vmware-vcloud-request-execution-time'] !== undefined);
  });

  it('answers 406 NOT_ACCEPTABLE with the supported list on /api for an unknown or missing version', async () => {
    const token = await accessToken(sim, 'tenant');
    for (const accept of ['application/*+xml;version=99.0', 'application/*+xml']) {
      const res = await call(sim, 'GET', '/api/org', { Authorization: `Bearer ${token}`, Accept: accept });
      assert.equal(res.status, 406);
      assert.match(String(res.headers['content-type']), /^application\/vnd\.vmware\.vcloud\.error\+xml;version=/);
      const [err] = xmlAttrs(res.body, 'Error');
      assert.equal(err.minorErrorCode, 'NOT_ACCEPTABLE');
      assert.equal(err.majorErrorCode, '406');
      assert.match(err.message, /Supported API versions are: \[39\.1, .*35\.0 \[D\].*\] \(\[D\] indicates deprecated versions\)$/);
    }
  });

  it('answers 405 on CloudAPI for a removed version and 406 for an unknown one; echoes the version in Content-Type', async () => {
    const token = await accessToken(sim, 'tenant');
    const removed = await call(sim, 'GET', '/cloudapi/1.0.0/sessions/current', { Authorization: `Bearer ${token}`, Accept: 'application/json;version=35.0' });
    assert.equal(removed.status, 405);
    const unknown = await call(sim, 'GET', '/cloudapi/1.0.0/sessions/current', { Authorization: `Bearer ${token}`, Accept: 'application/json;version=77.0' });
    assert.equal(unknown.status, 406);
    assert.equal(unknown.json().minorErrorCode, 'NOT_ACCEPTABLE');
    const ok = await call(sim, 'GET', '/cloudapi/1.0.0/sessions/current', { Authorization: `Bearer ${token}`, Accept: 'application/json;version=37.2' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'application/json;version=37.2');
    const legacy = await call(sim, 'GET', '/api/org', { Authorization: `Bearer ${token}`, Accept: XML_38 });
    assert.equal(legacy.headers['content-type'], 'application/vnd.vmware.vcloud.orgList+xml;version=38.0');
  });

  it('prefixes the response request id with a valid client request id', async () => {
    const res = await call(sim, 'GET', '/api/versions', { 'X-VMWARE-VCLOUD-CLIENT-REQUEST-ID': 'my-client-42' });
    assert.match(String(res.headers['x-vmware-vcloud-request-id']), /^my-client-42-[0-9a-f-]{36}$/);
    const bad = await call(sim, 'GET', '/api/versions', { 'X-VMWARE-VCLOUD-CLIENT-REQUEST-ID': 'bad id!' });
    assert.match(String(bad.headers['x-vmware-vcloud-request-id']), /^[0-9a-f-]{36}$/);
  });
});
