// VcdClient against the simulator: version negotiation, tenant/provider exchange, paging, filters, raw documents.
import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator';
import { exchangeApiToken, fetchVersions, negotiateVersion, filterAnd, filterEq, VmRecord } from '../../../src/vcd';
import { connFor, kind, routeCount, siteClient, start, useSimulator } from './simHelpers';

describe('VcdClient against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  describe('API versions', () => {
    it('negotiates the highest common non-deprecated version, once per client (single-flight)', async () => {
      const versions = await fetchVersions(connFor(sim).conn);
      assert.ok(versions.some((v) => v.version === '5.5' && v.deprecated));
      assert.equal(negotiateVersion(versions), '39.1');
      sim.resetCounters();
      const { client } = await siteClient(sim, 'provider');
      const answers = await Promise.all(Array.from({ length: 10 }, () => client.apiVersion()));
      assert.deepEqual(new Set(answers), new Set(['39.1']));
      await client.query('organization');
      assert.equal(routeCount(sim, 'GET /api/versions'), 1);
    });

    it('uses an override the server serves, and sends it in Accept', async () => {
      const { client } = await siteClient(sim, 'provider', { apiVersion: '37.2' });
      assert.equal(await client.apiVersion(), '37.2');
      const raw = await client.getRaw('/api/org');
      assert.equal(raw.accept, 'application/*+xml;version=37.2');
      assert.equal(raw.apiVersion, '37.2');
      assert.match(raw.contentType ?? '', /version=37\.2/);
    });

    it('refuses an override the server does not list', async () => {
      const { client } = await siteClient(sim, 'provider', { apiVersion: '99.0' });
      await assert.rejects(client.apiVersion(), kind('versionMismatch', (e) => /99\.0/.test(e.message)));
    });

    it('a server without any of our versions -> versionMismatch', async () => {
      const old = await start({ supportedVersions: ['31.0', '32.0'], deprecatedVersions: [] });
      try {
        const { client } = await siteClient(old, 'provider');
        await assert.rejects(client.query('adminVM'), kind('versionMismatch', (e) => /31\.0 to 32\.0/.test(e.message)));
        assert.equal(old.counters.exchanges, 0, 'no token is exchanged for a server we cannot talk to');
      } finally {
        await old.close();
      }
    });
  });

  describe('token exchange', () => {
    it('tenant tokens go to /oauth/tenant/{org}/token', async () => {
      const grant = await exchangeApiToken(connFor(sim).conn, sim.tenant.org, sim.tenant.apiToken);
      assert.equal(grant.tokenType, 'Bearer');
      assert.ok(grant.accessToken.length > 32);
      assert.ok(grant.expiresIn > 0);
      assert.equal(routeCount(sim, `POST /oauth/tenant/${encodeURIComponent(sim.tenant.org)}/token`), 1);
    });

    for (const org of ['System', 'system', 'SYSTEM']) {
      it(`the System org (“${org}”) goes to /oauth/provider/token`, async () => {
        const grant = await exchangeApiToken(connFor(sim).conn, org, sim.provider.apiToken);
        assert.ok(grant.accessToken.length > 32);
        assert.equal(routeCount(sim, 'POST /oauth/provider/token'), 1);
      });
    }

    it('a tenant token used for another org is rejected with the user-facing message', async () => {
      const other = sim.inventory.orgNames().find((n) => n !== sim.tenant.org && n.toLowerCase() !== 'system')!;
      await assert.rejects(
        exchangeApiToken(connFor(sim).conn, other, sim.tenant.apiToken),
        kind(
          'tokenRejected',
          (e) =>
            e.message === `The API token was rejected by ${new URL(sim.url).host} for organization “${other}”. It may have been revoked, or belong to another organization. Set a new API token.`,
        ),
      );
    });
  });

  describe('paging', () => {
    const sizes = [1, 25, 128, 129, 10_000];
    for (const totalVms of sizes) {
      it(`lists ${totalVms.toLocaleString('en')} VMs with the exact total and order`, async () => {
        const big = await start({ totalVms, size: undefined });
        try {
          const { client } = await siteClient(big, 'provider');
          const expected = big.inventory.vmNames();
          assert.equal(expected.length, totalVms, 'the simulator made the asked number of (non-template) VMs');
          const progress: number[] = [];
          const result = await client.query('adminVM', {
            filter: filterEq('isVAppTemplate', 'false'),
            sortAsc: 'name',
            onProgress: (loaded) => progress.push(loaded),
          });
          assert.equal(result.total, expected.length);
          assert.equal(result.records.length, expected.length);
          assert.deepEqual(
            result.records.map((r) => r.name),
            expected,
          );
          assert.equal(result.complete, true);
          assert.equal(result.requests, Math.max(1, Math.ceil(expected.length / 128)));
          assert.equal(progress[progress.length - 1], expected.length);
          const all = await client.query('adminVM', { pageSize: 25 });
          assert.equal(all.total, big.inventory.count('adminVM'));
          assert.equal(new Set(all.records.map((r) => r.href)).size, all.total, 'no record twice, none missing');
          assert.ok(big.counters.maxInFlight <= 8 + 1);
        } finally {
          await big.close();
        }
      });
    }

    it('lists the same records from XML pages (queryFormat xml) as from JSON pages', async () => {
      const big = await start({ totalVms: 300, size: undefined });
      try {
        const json = await (await siteClient(big, 'provider')).client.query('adminVM', { sortAsc: 'name' });
        big.resetCounters();
        const { client: xmlClient } = await siteClient(big, 'provider', { queryFormat: 'xml' });
        const xml = await xmlClient.query('adminVM', { sortAsc: 'name' });
        assert.equal(xml.total, json.total);
        assert.deepEqual(xml.records, json.records);
        assert.ok((big.counters.byRoute['GET /api/query'] ?? 0) >= Math.ceil(json.total / 128));
      } finally {
        await big.close();
      }
    });

    it('tells template VMs apart', async () => {
      const { client } = await siteClient(sim, 'provider');
      const all = await client.query('adminVM');
      const templates = all.records.filter((r: VmRecord) => r.isVAppTemplate);
      assert.ok(templates.length > 0);
      assert.equal(all.records.length - templates.length, sim.inventory.vmNames().length);
    });

    it('honours limit: complete=false with the full total', async () => {
      const { client } = await siteClient(sim, 'provider');
      const result = await client.query('adminVM', { limit: 10, pageSize: 4 });
      assert.equal(result.records.length, 10);
      assert.equal(result.total, sim.inventory.count('adminVM'));
      assert.equal(result.complete, false);
      assert.equal(result.requests, 3);
    });
  });

  describe('filters with special characters', () => {
    it('finds every VM by its exact name, whatever characters it has', async () => {
      const { client } = await siteClient(sim, 'provider');
      const names = [...new Set(sim.inventory.vmNames())];
      const odd = names.filter((n) => /[^A-Za-z0-9 _.-]/.test(n));
      assert.ok(odd.length >= 3, `the demo inventory has odd names: ${JSON.stringify(odd)}`);
      for (const name of odd) {
        const result = await client.query('adminVM', { filter: filterAnd(filterEq('name', name), filterEq('isVAppTemplate', 'false')) });
        const expected = sim.inventory.vmNames().filter((n) => n === name).length;
        assert.equal(result.total, expected, `filter for ${JSON.stringify(name)}`);
        assert.ok(result.records.every((r) => r.name === name));
      }
    });

    it('a literal * is not a wildcard when escaped', async () => {
      const { client } = await siteClient(sim, 'provider');
      const result = await client.query('adminVM', { filter: filterEq('name', '*') });
      assert.equal(result.total, 0);
    });
  });

  describe('raw documents', () => {
    it('returns the body exactly as received with status, type, request id, timing and request line', async () => {
      const { client } = await siteClient(sim, 'tenant');
      const vm = (await client.query('vm', { limit: 1 })).records[0];
      const xml = await client.getRaw(vm.href);
      assert.equal(xml.status, 200);
      assert.match(xml.contentType ?? '', /^application\/vnd\.vmware\.vcloud\.vm\+xml;version=39\.1/);
      assert.match(xml.body, /^<\?xml/);
      assert.ok(xml.body.includes(`href="${vm.href}"`));
      assert.equal(xml.requestLine, `GET ${vm.href} HTTP/1.1`);
      assert.match(xml.requestId ?? '', /-/);
      assert.ok(xml.durationMs >= 0 && !Number.isNaN(Date.parse(xml.receivedAt)));
      const json = await client.getRaw(new URL(vm.href).pathname, { format: 'json' });
      assert.equal(json.accept, 'application/*+json;version=39.1');
      assert.doesNotThrow(() => JSON.parse(json.body) as unknown);
      const cloud = await client.getRaw('/cloudapi/1.0.0/sessions/current');
      assert.equal(cloud.accept, 'application/json;version=39.1');
      assert.equal((JSON.parse(cloud.body) as { org: { name: string } }).org.name, sim.tenant.org);
    });

    it('refuses hrefs on another host and non-API paths', async () => {
      const { client } = await siteClient(sim, 'tenant');
      await assert.rejects(client.getRaw('https://evil.example.com/api/org'), kind('invalidInput'));
      await assert.rejects(client.getRaw('/oauth/provider/token'), kind('invalidInput'));
      assert.equal(sim.counters.requests, 0);
    });

    it('a 403 answer throws forbidden and keeps the body as serverMessage', async () => {
      const { client } = await siteClient(sim, 'tenant');
      const href = `${sim.url}/api/vApp/vm-00000000-0000-4000-8000-000000000000`;
      await assert.rejects(
        client.getRaw(href),
        kind('forbidden', (e) => {
          const err = e as { code?: string; serverMessage?: string; requestId?: string; status?: number };
          return err.code === 'ACCESS_TO_RESOURCE_IS_FORBIDDEN' && /<Error/.test(err.serverMessage ?? '') && err.status === 403 && !!err.requestId;
        }),
      );
    });
  });

  describe('sessions', () => {
    it('currentSession and currentApiToken describe the API token behind the client', async () => {
      const { client } = await siteClient(sim, 'tenant');
      const session = await client.currentSession();
      assert.equal(session.orgName, sim.tenant.org);
      assert.equal(session.userName, sim.tenant.user);
      const token = await client.currentApiToken();
      assert.equal(token?.name, 'demo-token');
      assert.match(token?.id ?? '', /^urn:vcloud:token:/);
    });
  });
});
