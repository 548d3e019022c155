// The shipped bundle leaves axios's Node-only helpers out (esbuild.mjs replaces them with stubs that throw). This
// proves that every kind of request the extension makes still works from code built with exactly those options:
// version discovery, the API-token exchange, query pages as JSON and XML, raw XML/JSON/CloudAPI documents, a password
// login, token listing, creation (register + jwt-bearer grant) and revocation, logout, the certificate probe, and the
// trust of a site's certificate. The extension-host suite (development bundle) and the UI suite (the packaged .vsix)
// run through dist/extension.js itself.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Core from '../support/bundleEntry';
import type { Simulator } from '../simulator';
import { start } from '../support/simHelpers';

const repoRoot = join(__dirname, '..', '..', '..');

interface BuildResult {
  metafile: { inputs: Record<string, unknown>; outputs: Record<string, { bytes: number }> };
}
interface EsbuildModule {
  build(options: Record<string, unknown>): Promise<BuildResult>;
}
interface BuildScript {
  bundleOptions(o: { production: boolean }): Record<string, unknown>;
  stubbedModules: string[];
}


describe('the bundle (esbuild.mjs options, unreachable dependency code stubbed)', function () {
  this.timeout(60_000);
  let dir: string;
  let core: typeof Core;
  let inputs: string[];
  let stubbed: string[];
  let bundleText: string;
  let sim: Simulator;

  before(async () => {
    // esbuild.mjs is an ES module without top-level await: Node 20 can require it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const script = require(join(repoRoot, 'esbuild.mjs')) as BuildScript;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as EsbuildModule;
    dir = mkdtempSync(join(tmpdir(), 'vcd-bundle-'));
    const outfile = join(dir, 'core.js');
    const result = await esbuild.build({
      ...script.bundleOptions({ production: true }),
      absWorkingDir: repoRoot,
      entryPoints: [join(repoRoot, 'test', 'support', 'bundleEntry.ts')],
      outfile,
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs);
    stubbed = script.stubbedModules;
    bundleText = readFileSync(outfile, 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    core = require(outfile) as typeof Core;
    // Tasks advance by polls, and the bundle's task polling is given a sleep that returns at once: no waiting.
    sim = await start({ tasks: { advance: 'polls', runningPolls: 1 } });
  });
  after(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds none of the helpers it cannot reach', () => {
    const unreachable = [
      'mime-db', 'form-data', 'follow-redirects', 'proxy-from-env', 'https-proxy-agent', 'is-unsafe', 'strnum', '@nodable/entities',
      'axios/lib/adapters/xhr.js', 'axios/lib/adapters/fetch.js', 'axios/lib/helpers/shouldBypassProxy.js', 'axios/lib/helpers/Http2Sessions.js',
      'axios/lib/helpers/toFormData.js', 'axios/lib/helpers/formDataToStream.js', 'axios/lib/helpers/AxiosTransformStream.js',
      'axios/lib/helpers/fromDataURI.js', 'axios/lib/helpers/HttpStatusCode.js', 'fast-xml-parser/src/xmlparser/DocTypeReader.js',
    ];
    for (const pkg of unreachable) {
      assert.ok(!inputs.some((i) => i.includes(`node_modules/${pkg}`)), `${pkg} is not bundled`);
    }
    assert.deepEqual(inputs.filter((i) => i.startsWith('stub-')).sort(), [...stubbed].sort(), 'each stub stands in');
    assert.ok(!/require\("(node:)?http2"\)/.test(bundleText), 'node:http2 is not loaded');
    assert.ok(inputs.some((i) => i.includes('node_modules/axios/lib/adapters/http.js')), 'axios\'s Node adapter is bundled');
  });

  it('loads without reading the globals Node 20 builds on first read (FormData loads all of its fetch, undici)', () => {
    const probe = [
      'const read = [];',
      "for (const name of ['FormData', 'Blob', 'fetch', 'Headers', 'Request', 'Response', 'File', 'WebSocket', 'EventSource']) {",
      '  const own = Object.getOwnPropertyDescriptor(globalThis, name);',
      '  if (own === undefined || !own.configurable) continue;',
      '  Object.defineProperty(globalThis, name, { configurable: true, get() { read.push(name); return own.get ? own.get.call(this) : own.value; } });',
      '}',
      `require(${JSON.stringify(join(dir, 'core.js'))});`,
      'process.stdout.write(JSON.stringify(read));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  it('still parses XML safely: the five entities decoded, a DOCTYPE (billion laughs) refused', () => {
    const doc = core.parseXml('<Vm name="a &amp; b &#233;"><Description>x &lt; y</Description></Vm>');
    assert.deepEqual(doc, { Vm: { name: 'a & b é', Description: 'x < y' } });
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      '<QueryResultRecords total="1"><VMRecord name="&lol2;"/></QueryResultRecords>';
    assert.throws(() => core.parseXml(lol), core.XmlSyntaxError);
  });

  it('runs every kind of request the extension makes', async () => {
    const trust = { caCertificates: [sim.certificate!.certPem] };
    const conn = { baseUrl: sim.url, trust };
    const versions = await core.fetchVersions(conn);
    assert.ok(versions.some((v) => !v.deprecated));
    const probe = await core.probeCertificate(sim.url);
    assert.equal(probe.fingerprint256, sim.certificate!.fingerprint256);
    assert.ok((await core.exchangeApiToken(conn, sim.tenant.org, sim.tenant.apiToken)).accessToken.length > 32);

    const tokens = new core.TokenService({ secrets: new core.MemorySecretStore() });
    const site = { siteId: 'bundle', conn, org: sim.tenant.org };
    await tokens.setApiToken(site.siteId, sim.tenant.apiToken);
    for (const queryFormat of ['json', 'xml'] as const) {
      const client = new core.VcdClient({ ...conn, queryFormat }, tokens.source(site));
      const vms = await client.query('vm', { pageSize: 7, sortAsc: 'name' });
      assert.equal(vms.records.length, vms.total, `every VM as ${queryFormat}`);
      assert.ok(vms.requests > 1, 'several pages');
      client.dispose();
    }
    const client = new core.VcdClient(conn, tokens.source(site));
    assert.equal((await client.sessionOrganization(sim.tenant.org)).name, sim.tenant.org);
    assert.match((await client.getRaw('/api/org', { format: 'xml' })).body, /<OrgList\b/);
    assert.match((await client.getRaw('/api/org', { format: 'json' })).body, /^\{/);
    assert.equal((await client.currentSession()).userName, sim.tenant.user);
    // Find VM: one page and its total.
    const name = sim.inventory.vmNames({ orgName: sim.tenant.org })[0];
    const found = await core.findVms(client, name.slice(0, 4), { system: false });
    assert.ok(found.records.some((r) => r.name === name) && found.total >= found.records.length, 'a VM found by part of its name');
    // A power action: a POST with an XML body (Power Off is an undeploy), its 202 task followed to the end, and the
    // entity read again; then recent tasks from the query service.
    const vm = found.records.find((r) => r.name === name)!;
    const entity = await client.entity(vm.href);
    const action = entity.status === 'POWERED_ON' ? 'powerOff' : 'powerOn';
    const task = await client.waitForTask(await client.startPowerAction(entity, action), { sleep: () => Promise.resolve() });
    assert.equal(task.status, 'success', `${action} ran to the end`);
    assert.notEqual((await client.entity(vm.href)).status, entity.status, 'the state changed');
    assert.ok((await client.recentTasks({ admin: false, limit: 5 })).length > 0, 'recent tasks listed');
    // A request file's requests: the file's Accept with the version, a string body, any status answered.
    assert.match((await client.sendRequest({ method: 'GET', path: '/api/org', headers: [['Accept', 'application/*+json']] })).body, /^\{/);
    assert.equal((await client.sendRequest({ method: 'PUT', path: '/cloudapi/1.0.0/nothing', body: '{"a":1}' })).status, 404);
    client.dispose();

    const session = await core.login(conn, sim.tenant.org, sim.tenant.user, sim.tenant.password);
    const created = await session.createApiToken('bundle-check');
    assert.ok((await session.listApiTokens()).some((t) => t.name === 'bundle-check'));
    assert.ok((await core.exchangeApiToken(conn, sim.tenant.org, created.token)).accessToken.length > 32, 'the new token works');
    await session.revokeApiToken(created.info.id);
    await assert.rejects(core.exchangeApiToken(conn, sim.tenant.org, created.token), /rejected/, 'and is revoked');
    await session.logout();
  });
});
