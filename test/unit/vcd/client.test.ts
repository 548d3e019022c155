// VcdClient against the simulator: version negotiation, tenant/provider exchange, paging, filters, raw documents.
import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator';
import { exchangeApiToken, fetchVersions, negotiateVersion, filterAnd, filterEq, LogEntry, login, VmRecord } from '../../../src/vcd';
import { connFor, kind, routeCount, siteClient, start, useSimulator } from '../../support/simHelpers';

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

    it('a tenant token used for another org is rejected with the facts and the hint to set a new token', async () => {
      const other = sim.inventory.orgNames().find((n) => n !== sim.tenant.org && n.toLowerCase() !== 'system')!;
      await assert.rejects(
        exchangeApiToken(connFor(sim).conn, other, sim.tenant.apiToken),
        kind(
          'tokenRejected',
          (e) =>
            e.message === `The API token was rejected by ${new URL(sim.url).host} for organization “${other}”. It may have been revoked, or belong to another organization.` &&
            (e as unknown as { hint?: string }).hint === 'newToken',
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

  describe('a server that pages in its own way', () => {
    const queryLines = (logs: LogEntry[]): string[] => logs.filter((l) => l.level === 'info' && /^GET \/api\/query\?.* -> 200/.test(l.message)).map((l) => l.message);

    it('smaller pages than asked (an installation serving 10 per page): asks for 10 from then on, and lists every VM in order', async () => {
      const small = await start({ maxPageSize: 10 });
      try {
        const logs: LogEntry[] = [];
        const { client } = await siteClient(small, 'provider', {}, logs);
        const result = await client.query('adminVM', { filter: filterEq('isVAppTemplate', 'false'), sortAsc: 'name' });
        const expected = small.inventory.vmNames();
        assert.deepEqual(result.records.map((r) => r.name), expected);
        assert.equal(result.requests, Math.ceil(expected.length / 10));
        const lines = queryLines(logs);
        assert.match(lines[0], /&pageSize=128&/);
        assert.ok(lines.slice(1).every((line) => /&pageSize=10&/.test(line)), lines.join('\n'));
      } finally {
        await small.close();
      }
    });

    it('a page size of 0.001 (or 0, or -3) -> malformedResponse after one request', async () => {
      const { client } = await siteClient(sim, 'provider');
      await client.apiVersion();
      for (const pageSize of [0.001, 0, -3]) {
        sim.resetCounters();
        sim.inject({ kind: 'pageEnvelope', pageSize, path: /^\/api\/query/, times: 1 });
        await assert.rejects(client.query('adminVM'), kind('malformedResponse', (e) => e.message.includes(`sent a list page with a page size of ${pageSize};`)));
        assert.equal(routeCount(sim, 'GET /api/query'), 1);
      }
    });

    it('a first page claiming pages of 1: the rest is asked for one by one, and no VM is skipped', async () => {
      const logs: LogEntry[] = [];
      const { client } = await siteClient(sim, 'provider', {}, logs);
      await client.apiVersion();
      sim.resetCounters();
      sim.inject({ kind: 'pageEnvelope', pageSize: 1, path: /^\/api\/query/, times: 1 });
      const result = await client.query('adminVM', { filter: filterEq('isVAppTemplate', 'false'), sortAsc: 'name' });
      assert.deepEqual(result.records.map((r) => r.name), sim.inventory.vmNames());
      assert.equal(routeCount(sim, 'GET /api/query'), sim.inventory.vmNames().length);
      assert.ok(queryLines(logs).slice(1).every((line) => /&pageSize=1&/.test(line)));
    });

    it('a total of 5,000,000 at 128 per page (39,063 pages) -> tooLarge after one request', async () => {
      const { client } = await siteClient(sim, 'provider');
      await client.apiVersion();
      sim.resetCounters();
      sim.inject({ kind: 'pageEnvelope', total: 5_000_000, path: /^\/api\/query/, times: 1 });
      await assert.rejects(
        client.query('adminVM'),
        kind('tooLarge', (e) => e.message === `${new URL(sim.url).host} reports 5,000,000 VMs in pages of 128: reading them would take 39,063 requests, more than the 10,000 this extension makes for one list.`),
      );
      assert.equal(routeCount(sim, 'GET /api/query'), 1);
    });

    it('the API-token list follows resultTotal and the page size asked for, never pageCount', async () => {
      const { conn } = connFor(sim);
      const session = await login(conn, sim.tenant.org, sim.tenant.user, sim.tenant.password);
      try {
        const expected = await session.listApiTokens();
        assert.ok(expected.length > 1);
        // A server that says there are a billion pages and answers page 1 whatever is asked: one request.
        sim.resetCounters();
        sim.inject({ kind: 'pageEnvelope', pageCount: 1_000_000_000, ignorePage: true, path: /^\/cloudapi\/1\.0\.0\/tokens/ });
        assert.deepEqual(await session.listApiTokens(), expected);
        assert.equal(routeCount(sim, 'GET /cloudapi/1.0.0/tokens'), 1);
        // The same with a billion tokens claimed: refused after one request.
        sim.clearFaults();
        sim.resetCounters();
        sim.inject({ kind: 'pageEnvelope', pageCount: 1_000_000_000, resultTotal: 1_000_000_000, ignorePage: true, path: /^\/cloudapi\/1\.0\.0\/tokens/ });
        await assert.rejects(session.listApiTokens(), kind('tooLarge', (e) => /reports 1,000,000,000 API tokens in pages of/.test(e.message)));
        assert.equal(routeCount(sim, 'GET /cloudapi/1.0.0/tokens'), 1);
        sim.clearFaults();
        sim.inject({ kind: 'pageEnvelope', pageSize: 0.5, path: /^\/cloudapi\/1\.0\.0\/tokens/, times: 1 });
        await assert.rejects(session.listApiTokens(), kind('malformedResponse'));
      } finally {
        sim.clearFaults();
        await session.logout();
      }
    });

    it('the API-token list of a server with pages of 2: every token, each once, asking for 2 per page', async () => {
      const small = await start({ maxPageSize: 2 });
      try {
        const logs: LogEntry[] = [];
        const { conn } = connFor(small, {}, logs);
        const session = await login(conn, small.provider.org, small.provider.user, small.provider.password);
        const tokens = await session.listApiTokens();
        await session.logout();
        assert.ok(tokens.length > 2, `${tokens.length} tokens`);
        assert.equal(new Set(tokens.map((t) => t.id)).size, tokens.length);
        const pages = logs.filter((l) => l.level === 'info' && /^GET \/cloudapi\/1\.0\.0\/tokens\?/.test(l.message)).map((l) => l.message);
        assert.equal(pages.length, Math.ceil(tokens.length / 2));
        assert.ok(pages.slice(1).every((line) => /&pageSize=2 -> 200/.test(line)), pages.join('\n'));
      } finally {
        await small.close();
      }
    });
  });

  describe('a list that changes while it is read', () => {
    let big: Simulator;
    beforeEach(async () => {
      big = await start({ totalVms: 1000, size: undefined });
    });
    afterEach(async () => {
      await big.close();
    });
    const names = { filter: filterEq('isVAppTemplate', 'false'), sortAsc: 'name' };

    it('VMs deleted after the first page: read once more, and the result is complete and current', async () => {
      const { client } = await siteClient(big, 'provider');
      let deleted: string[] = [];
      const result = await client.query('adminVM', {
        ...names,
        onProgress: () => {
          if (deleted.length === 0) deleted = big.inventory.removeVms(5);
        },
      });
      assert.equal(deleted.length, 5);
      assert.equal(result.partial, false);
      assert.equal(result.complete, true);
      assert.equal(result.total, 995);
      assert.deepEqual(result.records.map((r) => r.name), big.inventory.vmNames(), 'the VMs as they are now');
    });

    it('VMs created on every reading: partial, each VM once, read twice only', async () => {
      const { client } = await siteClient(big, 'provider');
      let readings = 0;
      const result = await client.query('adminVM', {
        ...names,
        concurrency: 2,
        onProgress: (loaded) => {
          // The first page of each reading has arrived: another client creates VMs that sort first.
          if (loaded === 128) {
            readings++;
            big.inventory.addVms(3);
          }
        },
      });
      assert.equal(readings, 2);
      assert.equal(result.partial, true);
      assert.equal(result.complete, false);
      assert.equal(new Set(result.records.map((r) => r.href)).size, result.records.length, 'no VM twice');
      assert.ok(result.records.length >= 1000, `${result.records.length} VMs`);
      assert.equal(routeCount(big, 'GET /api/query') <= 2 * Math.ceil(1006 / 128), true);
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
