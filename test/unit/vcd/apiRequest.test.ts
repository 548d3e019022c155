// Requests of request files in the core: what may be sent (a path of the site, no credential header, the methods
// VCD takes), the Accept with the negotiated version, and against the simulator the answer whatever its status, with
// the token masked out of it also when the server echoes it. A refused request sends nothing.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { acceptWithVersion, prepareApiRequest, type LogEntry } from '../../../src/vcd';
import { kind, siteClient, useSimulator, type SiteClient } from '../../support/simHelpers';

const BASE = 'https://vcd.example.com';

describe('request files: the requests the core sends', () => {
  describe('prepareApiRequest', () => {
    it('resolves a path on the site, upper-cases the method, keeps the headers (Accept and Content-Type by their names)', () => {
      const r = prepareApiRequest(BASE, { method: 'post', path: '/api/vApp/vm-1/power/action/powerOn?x=1', headers: [['accept', 'application/*+json'], ['content-TYPE', 'text/plain'], ['X-Custom', ' v ']], body: 'b' });
      assert.equal(r.method, 'POST');
      assert.equal(r.url.href, `${BASE}/api/vApp/vm-1/power/action/powerOn?x=1`);
      assert.deepEqual(r.headers, { Accept: 'application/*+json', 'Content-Type': 'text/plain', 'X-Custom': 'v' });
      assert.equal(r.body, 'b');
      assert.deepEqual(prepareApiRequest(BASE, { method: 'PUT', path: '/cloudapi/1.0.0/x', body: '{}' }).headers, { 'Content-Type': 'application/json' }, 'CloudAPI bodies are JSON unless the file says');
      assert.deepEqual(prepareApiRequest(BASE, { method: 'DELETE', path: '/cloudapi' }).headers, {});
    });

    it('refuses other methods, URLs, other hosts and paths outside /api and /cloudapi, also when `..` leads there', () => {
      const refused = (method: string, path: string): void => assert.throws(() => prepareApiRequest(BASE, { method, path }), kind('invalidInput'), `${method} ${path}`);
      for (const method of ['PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'X']) refused(method, '/api/org');
      for (const path of [
        'https://evil.example/api/org', `${BASE}/api/org`, '//evil.example/api/org', '/\\evil.example/api/org', '\\\\evil.example/api', 'http:/api/org',
        'javascript:alert(1)', 'api/org', '/oauth/provider/token', '/api/../oauth/provider/token', '/api/%2e%2e/oauth/provider/token',
        '/cloudapi/../../oauth/tenant/x/token', '/apis', '/', '', '/api/a b', '/api/\u0000', `/api/${'x'.repeat(9000)}`,
      ]) refused('GET', path);
    });

    it('refuses credential headers in any case, what the HTTP layer sets, bad names and values, too many headers, too large a body', () => {
      const refused = (headers: [string, string][], body?: string): void =>
        assert.throws(() => prepareApiRequest(BASE, { method: 'POST', path: '/api/org', headers, body }), kind('invalidInput'), JSON.stringify(headers).slice(0, 80));
      for (const name of ['Authorization', 'authorization', 'X-VCLOUD-AUTHORIZATION', 'x-vmware-vcloud-access-token', 'Proxy-Authorization', 'Cookie', 'Host', 'Content-Length', 'Transfer-Encoding', 'Connection']) {
        refused([[name, 'Bearer eyJhbGciOi.x.y']]);
      }
      refused([['Bad Name', 'x']]);
      refused([['X-A', 'line\r\nAuthorization: Bearer x']]);
      refused(Array.from({ length: 51 }, (_, i): [string, string] => [`X-${i}`, 'v']));
      refused([], 'x'.repeat(1024 * 1024 + 1));
      assert.doesNotThrow(() => prepareApiRequest(BASE, { method: 'POST', path: '/api/org', headers: Array.from({ length: 50 }, (_, i): [string, string] => [`X-${i}`, 'v\tw']) }));
    });
  });

  it('acceptWithVersion: XML for /api, JSON for /cloudapi; the file’s Accept gets the negotiated version unless it names one', () => {
    assert.equal(acceptWithVersion(undefined, '/api/org', '39.1'), 'application/*+xml;version=39.1');
    assert.equal(acceptWithVersion('', '/cloudapi/1.0.0/sites', '39.1'), 'application/json;version=39.1');
    assert.equal(acceptWithVersion('application/*+json', '/api/org', '39.1'), 'application/*+json;version=39.1');
    assert.equal(acceptWithVersion('application/*+xml; Version = 37.0', '/api/org', '39.1'), 'application/*+xml; Version = 37.0');
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    let tenant: SiteClient;
    const logs: LogEntry[] = [];
    useSimulator((s) => (sim = s), { tasks: { advance: 'polls', runningPolls: 1 } });
    before(async () => {
      tenant = await siteClient(sim, 'tenant', {}, logs);
    });

    it('sends a GET with the negotiated version and answers with the request line, status, time and request id', async () => {
      const r = await tenant.client.sendRequest({ method: 'GET', path: '/api/org' });
      const version = await tenant.client.apiVersion();
      assert.deepEqual([r.method, r.status, r.url, r.requestLine, r.accept, r.apiVersion], ['GET', 200, `${sim.url}/api/org`, `GET ${sim.url}/api/org HTTP/1.1`, `application/*+xml;version=${version}`, version]);
      assert.match(r.body, /<OrgList /);
      assert.match(r.contentType ?? '', new RegExp(`\\+xml;version=${version.replace('.', '\\.')}`));
      assert.match(r.requestId ?? '', /^[0-9a-f-]{8}-\d+-[0-9a-f-]{36}$/);
      assert.ok(r.durationMs >= 0 && !Number.isNaN(Date.parse(r.receivedAt)));
      const json = await tenant.client.sendRequest({ method: 'GET', path: '/api/org', headers: [['Accept', 'application/*+json']] });
      assert.equal(json.accept, `application/*+json;version=${version}`);
      assert.equal((JSON.parse(json.body) as { org: unknown[] }).org.length > 0, true);
      const cloud = await tenant.client.sendRequest({ method: 'GET', path: '/cloudapi/1.0.0/sessions/current' });
      assert.equal(cloud.accept, `application/json;version=${version}`);
      assert.equal((JSON.parse(cloud.body) as { user: { name: string } }).user.name, sim.tenant.user);
    });

    it('answers an error status instead of throwing, and a POST of a power action with 202, its Task and Location', async () => {
      const missing = await tenant.client.sendRequest({ method: 'GET', path: '/api/nothing-here' });
      assert.equal(missing.status, 404);
      assert.match(missing.body, /RESOURCE_NOT_FOUND/);
      const vm = sim.inventory.setPowerState(sim.inventory.vms({ orgName: sim.tenant.org })[0].href, 'POWERED_OFF', { tools: true });
      const r = await tenant.client.sendRequest({ method: 'POST', path: `${new URL(vm.href).pathname}/power/action/powerOn` });
      assert.equal(r.status, 202);
      assert.equal(r.method, 'POST');
      assert.match(r.location ?? '', /\/api\/task\/[0-9a-f-]{36}$/);
      assert.match(r.body, /<Task [^>]*status="(queued|running)"/);
    });

    it('sends nothing for a refused request', async () => {
      await tenant.client.apiVersion();
      const before = sim.counters.requests;
      for (const req of [
        { method: 'GET', path: 'https://evil.example/api/org' },
        { method: 'GET', path: '/api/org', headers: [['Authorization', 'Basic dXNlcjpwYXNz']] as [string, string][] },
        { method: 'PATCH', path: '/api/org' },
      ]) {
        await assert.rejects(tenant.client.sendRequest(req), kind('invalidInput'));
      }
      assert.equal(sim.counters.requests, before);
    });

    it('masks the access token out of an answer that echoes it, and out of the log', async () => {
      sim.inject({ kind: 'echoCredential', status: 400, path: /^\/api\/org$/ });
      const r = await tenant.client.sendRequest({ method: 'GET', path: '/api/org' });
      const token = await tenant.tokens.getAccessToken(tenant.site);
      assert.equal(r.status, 400);
      assert.match(r.body, /The credential \*\*\* is not valid/);
      assert.ok(!r.body.includes(token) && !JSON.stringify(r).includes(token));
      assert.ok(logs.some((l) => /GET \/api\/org -> 400/.test(l.message)));
      assert.ok(!logs.some((l) => l.message.includes(token)), 'not in the log, also at trace');
      // A 2xx body keeps everything but the token.
      sim.inject({ kind: 'status', status: 200, path: /^\/api\/org$/, contentType: 'text/plain', body: `token ${token} password=secret` });
      assert.equal((await tenant.client.sendRequest({ method: 'GET', path: '/api/org' })).body, 'token *** password=secret');
    });
  });
});
