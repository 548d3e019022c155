// Token service + client end to end against the simulator: single-flight, 401 mid-listing, revoked tokens,
// cancellation, token management (login, list, create, revoke, logout), and no secret in any log line.
import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator';
import { HttpTransport } from '../../../src/vcd/http';
import { QUERY_FIELDS } from '../../../src/vcd/query';
import { LogEntry, UserSession, VcdClient, exchangeApiToken, fetchVersions, login, filterEq, isVcdError } from '../../../src/vcd';
import { MemorySecretStore, TokenService } from '../../../src/auth';
import { connFor, kind, routeCount, siteClient, start, useSimulator } from '../../support/simHelpers';

describe('token flows against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  it('single-flight: 100 concurrent getAccessToken -> exactly 1 exchange', async () => {
    const { tokens, site } = await siteClient(sim, 'tenant');
    const all = await Promise.all(Array.from({ length: 100 }, () => tokens.getAccessToken(site)));
    assert.equal(new Set(all).size, 1);
    assert.equal(sim.counters.exchanges, 1);
    assert.equal(tokens.state(site.siteId), 'ok');
  });

  it('100 concurrent API calls on a fresh client -> 1 exchange and 1 version negotiation', async () => {
    const { client } = await siteClient(sim, 'tenant');
    await Promise.all(Array.from({ length: 100 }, () => client.getRaw('/api/org')));
    assert.equal(sim.counters.exchanges, 1);
    assert.equal(routeCount(sim, 'GET /api/versions'), 1);
  });

  describe('with 10,000 VMs', () => {
    let big: Simulator;
    before(async () => {
      big = await start({ totalVms: 10_000, size: undefined });
    });
    after(async () => {
      await big.close();
    });
    beforeEach(() => {
      big.clearFaults();
      big.resetCounters();
      big.setLatency(0);
    });

    it('a 401 in the middle of the listing -> exactly one re-exchange and a complete result', async () => {
      const { client, tokens, site } = await siteClient(big, 'provider');
      await tokens.getAccessToken(site);
      await client.apiVersion();
      big.resetCounters();
      big.inject({ kind: 'status', status: 401, nth: 40, path: /^\/api\/query/ });
      const result = await client.query('adminVM', { filter: filterEq('isVAppTemplate', 'false'), sortAsc: 'name' });
      assert.deepEqual(
        result.records.map((r) => r.name),
        big.inventory.vmNames(),
      );
      assert.equal(big.counters.exchanges, 1);
      assert.equal(routeCount(big, 'GET /api/query'), Math.ceil(10_000 / 128) + 1, 'one retried page');
    });

    it('every session expiring mid-listing (8 pages in flight get 401) -> still exactly one re-exchange', async () => {
      const { client, tokens, site } = await siteClient(big, 'provider');
      await tokens.getAccessToken(site);
      await client.apiVersion();
      big.resetCounters();
      big.setLatency(5);
      let expired = false;
      const result = await client.query('adminVM', {
        onProgress: (loaded) => {
          if (!expired && loaded >= 128 * 10) {
            expired = true;
            big.expireAllSessions();
          }
        },
      });
      assert.equal(result.records.length, big.inventory.count('adminVM'));
      assert.equal(big.counters.exchanges, 1);
    });

    it('cancelling mid-listing -> cancelled, and the server sees no further query requests', async () => {
      const { client, tokens, site } = await siteClient(big, 'provider');
      await tokens.getAccessToken(site);
      await client.apiVersion();
      big.resetCounters();
      big.setLatency(20);
      const controller = new AbortController();
      const listing = client.query('adminVM', { onProgress: (loaded) => loaded >= 128 * 3 && controller.abort() }, controller.signal);
      await assert.rejects(listing, kind('cancelled'));
      // Requests already on the wire when the abort came may still arrive: one later round trip lets them land.
      await fetchVersions(connFor(big).conn);
      const seen = routeCount(big, 'GET /api/query');
      assert.ok(seen < Math.ceil(big.inventory.count('adminVM') / 128), `stopped early (${seen} pages requested)`);
      // Nothing new is sent after the listing settled, however long we wait in round trips.
      await fetchVersions(connFor(big).conn);
      await fetchVersions(connFor(big).conn);
      assert.equal(routeCount(big, 'GET /api/query'), seen);
    });
  });

  it('a revoked API token -> one tokenRejected, then fail fast without a retry storm', async () => {
    const token = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'to-revoke');
    const tokens = new TokenService({ secrets: new MemorySecretStore() });
    const { conn } = connFor(sim);
    const site = { siteId: 'revoked', conn, org: sim.tenant.org };
    await tokens.setApiToken(site.siteId, token);
    const client = new VcdClient(conn, tokens.source(site));
    await client.query('vm', { limit: 1 });
    assert.equal(sim.counters.exchanges, 1);
    sim.revokeApiToken(token);
    sim.expireAllSessions();
    sim.resetCounters();
    const states: string[] = [];
    tokens.onDidChangeState((_id, state) => states.push(state));
    await assert.rejects(client.query('vm'), kind('tokenRejected', (e) => e.message.includes(sim.tenant.org)));
    assert.equal(sim.counters.exchanges, 1);
    assert.deepEqual(states, ['rejected']);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.query('vm')));
    assert.ok(results.every((r) => r.status === 'rejected' && isVcdError(r.reason, 'tokenRejected')));
    assert.equal(sim.counters.exchanges, 1, 'no further exchange for the same rejected token');
    assert.equal(routeCount(sim, 'GET /api/query'), 1, 'only the first 401 reached the API');
  });

  describe('token management', () => {
    it('tenant: login, list, create (the new token exchanges), revoke (then rejected), logout', async () => {
      const { conn } = connFor(sim);
      const session = await login(conn, sim.tenant.org, sim.tenant.user, sim.tenant.password);
      assert.equal(session.info.orgName, sim.tenant.org);
      assert.equal(session.info.userName, sim.tenant.user);
      assert.equal(routeCount(sim, 'POST /cloudapi/1.0.0/sessions'), 1);
      const before = await session.listApiTokens();
      assert.ok(before.some((t) => t.name === 'demo-token' && t.type === 'REFRESH'));
      assert.ok(before.every((t) => t.type === 'REFRESH'), 'PROXY tokens are filtered out');
      const created = await session.createApiToken('vscode-test');
      assert.equal(created.info.name, 'vscode-test');
      assert.match(created.info.id, /^urn:vcloud:token:/);
      const grant = await exchangeApiToken(conn, sim.tenant.org, created.token);
      assert.ok(grant.accessToken.length > 32);
      const after = await session.listApiTokens();
      assert.equal(after.length, before.length + 1);
      await session.revokeApiToken(created.info.id);
      await assert.rejects(exchangeApiToken(conn, sim.tenant.org, created.token), kind('tokenRejected'));
      assert.ok(!(await session.listApiTokens()).some((t) => t.id === created.info.id));
      await session.logout();
      await assert.rejects(session.listApiTokens(), kind('unauthorized'));
    });

    it('System (any case): login on /sessions/provider, create and revoke', async () => {
      const { conn } = connFor(sim);
      const session = await login(conn, 'SYSTEM', sim.provider.user, sim.provider.password);
      assert.equal(routeCount(sim, 'POST /cloudapi/1.0.0/sessions/provider'), 1);
      assert.equal(session.info.orgName, 'System');
      const created = await session.createApiToken('provider-test');
      await exchangeApiToken(conn, 'system', created.token);
      await session.revokeApiToken(created.info.id);
      await session.logout();
    });

    it('a wrong password -> badCredentials', async () => {
      await assert.rejects(
        login(connFor(sim).conn, sim.tenant.org, sim.tenant.user, 'wrong-password'),
        kind('badCredentials', (e) => e.message.includes(sim.tenant.org) && !e.message.includes('wrong-password')),
      );
    });

    it('a session made from an API token cannot create tokens (forbidden)', async () => {
      const { conn } = connFor(sim);
      const grant = await exchangeApiToken(conn, sim.tenant.org, sim.tenant.apiToken);
      const transport = new HttpTransport(conn);
      const session = new UserSession(transport, sim.tenant.org, '39.1', grant.accessToken, { id: 'x', userName: sim.tenant.user, orgName: sim.tenant.org, roles: [] });
      try {
        await assert.rejects(session.createApiToken('from-api-token'), kind('forbidden'));
      } finally {
        transport.close();
      }
    });
  });

  it('no token, password or assertion in any log line of a full run', async () => {
    const logs: LogEntry[] = [];
    const { conn } = connFor(sim, {}, logs);
    const secrets: string[] = [sim.tenant.apiToken, sim.tenant.password, sim.provider.apiToken, sim.provider.password];
    // Password session: login, list, create (register + jwt-bearer with the session token as assertion), revoke.
    const session = await login(conn, sim.tenant.org, sim.tenant.user, sim.tenant.password);
    secrets.push((session as unknown as { accessToken: string }).accessToken);
    secrets.push(Buffer.from(`${sim.tenant.user}@${sim.tenant.org}:${sim.tenant.password}`).toString('base64'));
    await session.listApiTokens();
    const created = await session.createApiToken('log-check');
    secrets.push(created.token);
    // API-token use: exchange, query, raw documents, session info, a 401 retry, a rejected token.
    const tokens = new TokenService({ secrets: new MemorySecretStore() });
    const site = { siteId: 'log', conn, org: sim.tenant.org };
    await tokens.setApiToken(site.siteId, created.token);
    const client = new VcdClient(conn, tokens.source(site));
    const vms = await client.query('vm', { pageSize: 5 });
    secrets.push(await tokens.getAccessToken(site));
    await client.getRaw(vms.records[0].href);
    await client.getRaw(vms.records[0].href, { format: 'json' });
    await client.currentApiToken();
    sim.inject({ kind: 'status', status: 401, path: /^\/api\/query/, times: 1 });
    await client.query('vApp');
    secrets.push(await tokens.getAccessToken(site));
    await session.revokeApiToken(created.info.id);
    tokens.forget(site.siteId);
    const rejected = await client.query('vm').catch((e: unknown) => e);
    assert.ok(isVcdError(rejected, 'tokenRejected'));
    await login(conn, sim.tenant.org, sim.tenant.user, 'bad-password-123').catch(() => undefined);
    secrets.push('bad-password-123');
    await session.logout();

    assert.ok(logs.filter((l) => l.level === 'info').length >= 15, 'one info line per request');
    assert.ok(logs.some((l) => l.level === 'trace' && /request headers/.test(l.message)), 'trace detail was produced');
    assert.ok(logs.some((l) => /^POST \/oauth\/tenant\/.+\/token -> 200 \(\d+ ms\)$/.test(l.message)));
    const vmPage = `GET /api/query?type=vm&format=records&page=1&pageSize=5&fields=${QUERY_FIELDS.vm} -> 200 (`;
    assert.ok(logs.some((l) => l.message.startsWith(vmPage) && /\(\d+ ms\)$/.test(l.message)));
    for (const entry of logs) {
      for (const secret of secrets) {
        assert.ok(!entry.message.includes(secret), `a secret leaked into a ${entry.level} line: ${entry.message.slice(0, 200)}`);
      }
      assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./.test(entry.message), 'no JWT in logs');
    }
    for (const secret of secrets) {
      assert.ok(!String((rejected as Error).message).includes(secret));
    }
  });
});
