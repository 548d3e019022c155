// Every failure a user can meet -> its typed VcdError kind and a message in the user's terms (never a token).
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { Simulator } from '../../simulator';
import { exchangeApiToken, fetchVersions, VcdClient, filterEq } from '../../../src/vcd';
import { connFor, kind, routeCount, siteClient, start, useSimulator } from '../../support/simHelpers';

describe('errors against the simulator', function () {
  this.timeout(30_000);
  let sim: Simulator;
  useSimulator((started) => (sim = started));
  const host = (): string => new URL(sim.url).host;

  it('legacy XML <Error> 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN -> forbidden with code, server message and request id', async () => {
    const { client } = await siteClient(sim, 'tenant');
    await assert.rejects(
      client.getRaw('/api/vApp/vm-00000000-0000-4000-8000-000000000001'),
      kind('forbidden', (e) => {
        const err = e as unknown as { code: string; requestId?: string };
        return err.code === 'ACCESS_TO_RESOURCE_IS_FORBIDDEN' && e.message.startsWith(`${host()} refused access to /api/vApp/vm-`) && !!err.requestId;
      }),
    );
  });

  it('CloudAPI JSON error -> forbidden with the minorErrorCode', async () => {
    const { client } = await siteClient(sim, 'tenant');
    await assert.rejects(
      client.getRaw('/cloudapi/1.0.0/tokens/urn:vcloud:token:00000000-0000-4000-8000-000000000001'),
      kind('forbidden', (e) => (e as unknown as { code: string }).code === 'ACCESS_TO_RESOURCE_IS_FORBIDDEN'),
    );
  });

  it('admin query as a tenant -> forbidden', async () => {
    const { client } = await siteClient(sim, 'tenant');
    await assert.rejects(client.query('adminVM'), kind('forbidden'));
  });

  it('bad filter -> badRequest with the server text', async () => {
    const { client } = await siteClient(sim, 'provider');
    await assert.rejects(client.query('adminVM', { filter: filterEq('noSuchAttribute', 'x') }), kind('badRequest', (e) => /noSuchAttribute/.test(e.message)));
  });

  for (const status of [400, 401] as const) {
    it(`OAuth invalid_grant (HTTP ${status}) -> tokenRejected naming host and org`, async () => {
      const s = await start({ invalidGrantStatus: status });
      try {
        const bogus = 'NotARealToken0123456789abcdefXYZ';
        await assert.rejects(
          exchangeApiToken(connFor(s).conn, s.tenant.org, bogus),
          kind('tokenRejected', (e) => {
            const err = e as unknown as { code?: string; status?: number };
            return (
              e.message === `The API token was rejected by ${new URL(s.url).host} for organization “${s.tenant.org}”. It may have been revoked, or belong to another organization.` &&
              (e as unknown as { hint?: string }).hint === 'newToken' &&
              err.code === 'invalid_grant' &&
              err.status === status &&
              !e.message.includes(bogus)
            );
          }),
        );
      } finally {
        await s.close();
      }
    });
  }

  it('empty-body 401 on an API call -> one re-exchange and retry; a second 401 -> unauthorized', async () => {
    const { client, tokens, site } = await siteClient(sim, 'provider');
    await tokens.getAccessToken(site);
    await client.apiVersion();
    sim.resetCounters();
    sim.inject({ kind: 'status', status: 401, path: /^\/api\/org/, times: 2 });
    await assert.rejects(client.getRaw('/api/org'), kind('unauthorized', (e) => /HTTP 401/.test(e.message)));
    assert.equal(routeCount(sim, 'GET /api/org'), 2, 'exactly one retry');
    assert.equal(sim.counters.exchanges, 1, 'exactly one re-exchange');
  });

  it('406 -> versionMismatch; 405 on CloudAPI (removed version) -> versionMismatch', async () => {
    const { client } = await siteClient(sim, 'provider');
    sim.inject({ kind: 'status', status: 406, path: /^\/api\/query/ });
    await assert.rejects(client.query('adminVM'), kind('versionMismatch', (e) => /39\.1/.test(e.message)));
    const old = await siteClient(sim, 'provider', { apiVersion: '35.0' });
    await assert.rejects(old.client.currentSession(), kind('versionMismatch', (e) => /35\.0/.test(e.message)));
  });

  it('5xx -> serverError', async () => {
    const { client } = await siteClient(sim, 'provider');
    sim.inject({ kind: 'status', status: 503, path: /^\/api\/query/ });
    await assert.rejects(client.query('adminVM'), kind('serverError', (e) => /HTTP 503/.test(e.message)));
  });

  it('an HTML page -> notVcd (on /api/versions and on a query)', async () => {
    sim.inject({ kind: 'html', path: /^\/api\/versions/, times: 1 });
    await assert.rejects(fetchVersions(connFor(sim).conn), kind('notVcd', (e) => /web page/.test(e.message)));
    const { client } = await siteClient(sim, 'provider');
    await client.apiVersion();
    sim.inject({ kind: 'html', path: /^\/api\/query/, times: 1 });
    await assert.rejects(client.query('adminVM'), kind('notVcd'));
    sim.inject({ kind: 'html', status: 404, path: /^\/api\/versions/, times: 1 });
    await assert.rejects(fetchVersions(connFor(sim).conn), kind('notVcd'));
  });

  it('bad XML -> malformedResponse', async () => {
    const { client } = await siteClient(sim, 'provider');
    await client.apiVersion();
    sim.inject({ kind: 'malformedXml', path: /^\/api\/query/, times: 1 });
    await assert.rejects(client.query('adminVM'), kind('malformedResponse', (e) => /query page/.test(e.message)));
  });

  it('connection reset -> network', async () => {
    sim.inject({ kind: 'reset', path: /^\/api\/versions/ });
    await assert.rejects(fetchVersions(connFor(sim).conn), kind('network', (e) => /interrupted/.test(e.message)));
  });

  it('no answer -> timeout, with the time in the message', async () => {
    sim.inject({ kind: 'hang', path: /^\/api\/versions/, times: 1 });
    await assert.rejects(fetchVersions(connFor(sim, { timeoutMs: 300 }).conn), kind('timeout', (e) => /0\.3 seconds/.test(e.message)));
  });

  it('a slow body past the timeout -> timeout', async () => {
    const { client } = await siteClient(sim, 'provider', { timeoutMs: 500 });
    await client.apiVersion();
    sim.inject({ kind: 'slowBody', bytesPerSecond: 200, path: /^\/api\/query/, times: 1 });
    await assert.rejects(client.query('adminVM'), kind('timeout'));
  });

  it('AbortSignal -> cancelled', async () => {
    sim.inject({ kind: 'hang', path: /^\/api\/versions/, times: 1 });
    const controller = new AbortController();
    const pending = fetchVersions(connFor(sim).conn, controller.signal);
    controller.abort();
    await assert.rejects(pending, kind('cancelled'));
  });

  it('unknown host (.invalid) -> dns', async () => {
    await assert.rejects(
      fetchVersions({ baseUrl: 'https://no-such-vcd.invalid' }),
      kind('dns', (e) => e.message === 'The host name no-such-vcd.invalid could not be found. Check the site address.'),
    );
  });

  it('closed port -> unreachable', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await assert.rejects(fetchVersions({ baseUrl: `https://127.0.0.1:${port}` }), kind('unreachable', (e) => e.message.startsWith(`127.0.0.1:${port} refused`)));
  });

  it('no API token stored -> noToken, without a request', async () => {
    const { client, tokens, site } = await siteClient(sim, 'tenant');
    await tokens.deleteApiToken(site.siteId);
    await client.apiVersion();
    sim.resetCounters();
    await assert.rejects(client.query('vm'), kind('noToken'));
    assert.equal(sim.counters.requests, 0);
    assert.equal(tokens.state(site.siteId), 'missing');
  });

  it('a client without trust for the self-signed simulator -> tlsUntrusted (never silently accepted)', async () => {
    const client = new VcdClient({ baseUrl: sim.url }, { getAccessToken: () => Promise.resolve('x'), invalidate: () => undefined });
    await assert.rejects(client.apiVersion(), kind('tlsUntrusted'));
    assert.equal(sim.counters.requests, 0, 'no HTTP request reached the server');
  });
});
