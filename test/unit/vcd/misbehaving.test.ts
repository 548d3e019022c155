// A server or network that misbehaves must not break the extension: secrets echoed in errors, bad answers from the
// token endpoint, rate limits, oversized answers. (Paging bounds and changing totals: paging.test.ts, client.test.ts.)
import * as assert from 'node:assert/strict';
import { Fault, Simulator } from '../../simulator';
import { LogEntry, VcdError, fetchVersions, isVcdError, login } from '../../../src/vcd';
import { parseRetryAfter, retryPhrase } from '../../../src/vcd/rateLimit';
import { connFor, routeCount, siteClient, useSimulator } from '../../support/simHelpers';

describe('a server that misbehaves', function () {
  this.timeout(30_000);
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  async function failure(promise: Promise<unknown>): Promise<VcdError> {
    const outcome = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isVcdError(outcome), `expected a VcdError, got ${String(outcome)}`);
    return outcome;
  }

  function assertClean(texts: (string | undefined)[], secrets: string[]): void {
    for (const text of texts) {
      for (const secret of secrets) {
        assert.ok(!(text ?? '').includes(secret), `a secret reached the person: ${String(text).slice(0, 300)}`);
      }
    }
  }

  describe('secrets echoed in errors', () => {
    it('an echoed API token, access token or password reaches neither the error (message, server text) nor the log', async () => {
      const logs: LogEntry[] = [];
      const { client, tokens, site } = await siteClient(sim, 'tenant', {}, logs);
      const apiToken = sim.tenant.apiToken;
      // The token endpoint repeats the API token (32 characters, no pattern recognises it).
      sim.inject({ kind: 'echoCredential', path: /^\/oauth\//, times: 1 });
      const exchange = await failure(client.query('vm'));
      assert.match(exchange.serverMessage ?? '', /The credential \*\*\* is not valid/, 'the server text is kept, the token masked');
      // An API call repeats the bearer token; the query, a raw document and a CloudAPI call.
      const accessToken = await tokens.getAccessToken(site);
      // Twice: a query page refused with 400 is asked for once more, with every attribute instead of fields=.
      sim.inject({ kind: 'echoCredential', path: /^\/api\/query/, times: 2 });
      const query = await failure(client.query('vm'));
      sim.inject({ kind: 'echoCredential', status: 403, path: /^\/api\/org/, times: 1 });
      const raw = await failure(client.getRaw('/api/org'));
      sim.inject({ kind: 'echoCredential', path: /^\/cloudapi\//, times: 1 });
      const cloud = await failure(client.currentSession());
      // A login repeats the Basic credential (user@org:password in base64).
      const basic = Buffer.from(`${sim.tenant.user}@${sim.tenant.org}:${sim.tenant.password}`).toString('base64');
      sim.inject({ kind: 'echoCredential', path: /^\/cloudapi\/1\.0\.0\/sessions$/, times: 1 });
      const { conn } = connFor(sim, {}, logs);
      const signIn = await failure(login(conn, sim.tenant.org, sim.tenant.user, sim.tenant.password));

      const secrets = [apiToken, accessToken, sim.tenant.password, basic];
      for (const e of [exchange, query, raw, cloud, signIn]) {
        assert.ok(e.serverMessage !== undefined && e.serverMessage.includes('***'), `${e.kind}: the server's words are shown, masked`);
        assertClean([e.message, e.serverMessage, e.code, e.requestId, e.request], secrets);
      }
      assert.ok(logs.some((l) => l.level === 'trace' && /The credential \*\*\* is not valid/.test(l.message)), 'the echo was logged, masked');
      assertClean(
        logs.map((l) => l.message),
        secrets,
      );
    });
  });

  describe('bad answers from the token endpoint', () => {
    const oauth = /^\/oauth\//;
    const transient: [string, Extract<Fault, { kind: 'status' }>][] = [
      ['an empty 400 (a load balancer hiccup)', { kind: 'status', status: 400, body: '', path: oauth }],
      ['an empty 401', { kind: 'status', status: 401, path: oauth }],
      ['a web page with 401', { kind: 'status', status: 401, body: '<!DOCTYPE html><html><body>Unauthorized</body></html>', contentType: 'text/html', path: oauth }],
      ['other JSON', { kind: 'status', status: 400, body: '{"error":"server_error","error_description":"try later"}', contentType: 'application/json', path: oauth }],
      ['a VCD error that is not invalid_grant', { kind: 'status', status: 400, path: oauth }],
      ['invalid_grant as plain text, not OAuth JSON', { kind: 'status', status: 401, body: 'invalid_grant: Invalid refresh token', contentType: 'text/plain', path: oauth }],
      ['invalid_grant with a 5xx', { kind: 'status', status: 500, body: '{"error":"invalid_grant"}', contentType: 'application/json', path: oauth }],
      ['a 503', { kind: 'status', status: 503, path: oauth }],
    ];
    for (const [what, fault] of transient) {
      it(`${what}: a passing error that keeps the token; the next action exchanges again and works`, async () => {
        const { client, tokens, site } = await siteClient(sim, 'tenant');
        sim.inject({ ...fault, times: 1 });
        const e = await failure(client.query('vm', { limit: 1 }));
        assert.equal(e.kind, 'exchangeFailed', e.message);
        assert.match(e.message, /not a rejection of the token .*: a stored token is kept, and the next action tries again\.$/);
        assert.equal(e.status, fault.status);
        assert.notEqual(tokens.state(site.siteId), 'rejected');
        const result = await client.query('vm', { limit: 1 });
        assert.equal(result.records.length, 1);
        assert.equal(sim.counters.exchanges, 2, 'the next action exchanged again');
        assert.equal(tokens.state(site.siteId), 'ok');
      });
    }

    const grants: [string, string][] = [
      ["VCD's invalid_grant", '{"minorErrorCode":"invalid_grant","message":"Invalid refresh token","stackTrace":null}'],
      ["RFC 6749's invalid_grant", '{"error":"invalid_grant","error_description":"The refresh token is invalid."}'],
    ];
    for (const [what, body] of grants) {
      it(`${what} marks the token rejected; Set API Token with the same token clears it`, async () => {
        const { client, tokens, site } = await siteClient(sim, 'tenant');
        sim.inject({ kind: 'status', status: 400, body, contentType: 'application/json', path: oauth, times: 1 });
        const e = await failure(client.query('vm', { limit: 1 }));
        assert.equal(e.kind, 'tokenRejected');
        assert.equal(e.code, 'invalid_grant');
        assert.equal(tokens.state(site.siteId), 'rejected');
        const again = await failure(client.query('vm', { limit: 1 }));
        assert.equal(again.kind, 'tokenRejected');
        assert.equal(sim.counters.exchanges, 1, 'a rejected token is not sent again');
        // The person stores the same, valid token again (Set API Token…): it is tried again and works.
        await tokens.setApiToken(site.siteId, sim.tenant.apiToken);
        assert.equal(tokens.state(site.siteId), 'unknown');
        assert.equal((await client.query('vm', { limit: 1 })).records.length, 1);
        assert.equal(tokens.state(site.siteId), 'ok');
        assert.equal(sim.counters.exchanges, 2);
      });
    }

    it('another window storing a token (forget) clears a rejection too', async () => {
      const { client, tokens, site } = await siteClient(sim, 'tenant');
      sim.inject({ kind: 'status', status: 400, body: grants[0][1], contentType: 'application/json', path: oauth, times: 1 });
      await failure(client.query('vm', { limit: 1 }));
      assert.equal(tokens.state(site.siteId), 'rejected');
      tokens.forget(site.siteId);
      assert.equal(tokens.state(site.siteId), 'unknown');
      assert.equal((await client.query('vm', { limit: 1 })).records.length, 1);
      assert.equal(tokens.state(site.siteId), 'ok');
    });
  });

  describe('HTTP 429 from a proxy or gateway', () => {
    async function ready(extra: { onRateLimited?: (info: { host: string; seconds: number }) => void } = {}, logs: LogEntry[] = []) {
      const client = await siteClient(sim, 'provider', extra, logs);
      await client.tokens.getAccessToken(client.site);
      await client.client.apiVersion();
      sim.resetCounters();
      return client;
    }

    it('waits as Retry-After asks (seconds), tells the hook and the log, and retries exactly once', async () => {
      const waits: { host: string; seconds: number }[] = [];
      const logs: LogEntry[] = [];
      const { client } = await ready({ onRateLimited: (info) => waits.push(info) }, logs);
      sim.inject({ kind: 'rateLimit', retryAfter: '1', path: /^\/api\/org/, times: 1 });
      const started = performance.now();
      const doc = await client.getRaw('/api/org');
      const elapsed = performance.now() - started;
      assert.equal(doc.status, 200);
      assert.equal(routeCount(sim, 'GET /api/org'), 2, 'exactly one retry');
      assert.ok(elapsed >= 950, `waited ${Math.round(elapsed)} ms for Retry-After: 1`);
      assert.deepEqual(waits, [{ host: new URL(sim.url).host, seconds: 1 }]);
      assert.ok(logs.some((l) => l.level === 'info' && /is limiting requests \(HTTP 429\): waiting 1 s before sending GET \/api\/org once more/.test(l.message)));
    });

    it('a second 429 after the retry -> rateLimited, saying when to try again; no further request', async () => {
      const { client } = await ready();
      sim.inject({ kind: 'rateLimit', retryAfter: '0', path: /^\/api\/query/, times: 2 });
      const e = await failure(client.query('adminVM'));
      assert.equal(e.kind, 'rateLimited');
      assert.equal(e.status, 429);
      assert.match(e.message, /^127\.0\.0\.2:\d+ is limiting requests \(HTTP 429 Too Many Requests\)\. Try again in a moment\.$/);
      assert.equal(routeCount(sim, 'GET /api/query'), 2);
    });

    it('a Retry-After beyond 30 s (seconds or HTTP-date) -> rateLimited at once, with the time to wait; the hook is not called', async () => {
      const waits: unknown[] = [];
      const { client } = await ready({ onRateLimited: (info) => waits.push(info) });
      sim.inject({ kind: 'rateLimit', retryAfter: '90', path: /^\/api\/org/, times: 1 });
      const bySeconds = await failure(client.getRaw('/api/org'));
      assert.equal(bySeconds.kind, 'rateLimited');
      assert.match(bySeconds.message, /Try again in 90 seconds\.$/);
      assert.equal(bySeconds.retryAfterSeconds, 90);
      const date = new Date(Date.now() + 10 * 60_000).toUTCString();
      sim.inject({ kind: 'rateLimit', retryAfter: date, path: /^\/api\/org/, times: 1 });
      const byDate = await failure(client.getRaw('/api/org'));
      assert.match(byDate.message, /Try again in 10 minutes\.$/);
      assert.equal(routeCount(sim, 'GET /api/org'), 2, 'no retry of either');
      assert.deepEqual(waits, []);
    });

    it('an HTTP-date already past, or no Retry-After at all, is retried once (at once, or after a second)', async () => {
      const { client } = await ready();
      sim.inject({ kind: 'rateLimit', retryAfter: new Date(Date.now() - 60_000).toUTCString(), path: /^\/api\/org/, times: 1 });
      assert.equal((await client.getRaw('/api/org')).status, 200);
      sim.inject({ kind: 'rateLimit', path: /^\/api\/org/, times: 1 });
      assert.equal((await client.getRaw('/api/org')).status, 200);
      assert.equal(routeCount(sim, 'GET /api/org'), 4);
    });

    it('the wait ends at once when the caller cancels, without the retry', async () => {
      const controller = new AbortController();
      const { client } = await ready({ onRateLimited: () => setImmediate(() => controller.abort()) });
      sim.inject({ kind: 'rateLimit', retryAfter: '30', path: /^\/api\/org/, times: 1 });
      const started = performance.now();
      const e = await failure(client.getRaw('/api/org', {}, controller.signal));
      assert.equal(e.kind, 'cancelled');
      assert.ok(performance.now() - started < 5000, 'did not sit out the 30 s');
      assert.equal(routeCount(sim, 'GET /api/org'), 1);
    });

    it('reads Retry-After as delay-seconds or HTTP-date, and ignores what it cannot read', () => {
      const now = Date.UTC(2026, 0, 1, 12, 0, 0);
      assert.equal(parseRetryAfter('7', now), 7);
      assert.equal(parseRetryAfter(' 120 ', now), 120);
      assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now), 90);
      assert.equal(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now), 0);
      for (const bad of [undefined, '', 'soon', '-5', '1.5', 'x'.repeat(1000)]) assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
      assert.equal(parseRetryAfter('9'.repeat(400), now), Infinity);
      assert.deepEqual([undefined, 0, 1, 45, 600, 7200, Infinity].map(retryPhrase), ['in a moment', 'in a moment', 'in 1 second', 'in 45 seconds', 'in 10 minutes', 'in about 2 hours', 'later']);
    });

    it('a 429 from the token endpoint is rateLimited, not a rejected token', async () => {
      const { client, tokens, site } = await siteClient(sim, 'tenant');
      sim.inject({ kind: 'rateLimit', retryAfter: '0', path: /^\/oauth\//, times: 2 });
      const e = await failure(client.query('vm', { limit: 1 }));
      assert.equal(e.kind, 'rateLimited');
      assert.notEqual(tokens.state(site.siteId), 'rejected');
      assert.equal((await client.query('vm', { limit: 1 })).records.length, 1);
    });
  });

  describe('oversized answers', () => {
    it('an answer over the size limit -> tooLarge, saying "too large" (not "interrupted, try again"); under the limit it is read', async () => {
      const small = await siteClient(sim, 'provider', { maxResponseBytes: 64 * 1024 });
      await small.client.apiVersion();
      sim.inject({ kind: 'largeBody', bytes: 256 * 1024, path: /^\/api\/query/, times: 1 });
      const e = await failure(small.client.query('adminVM'));
      assert.equal(e.kind, 'tooLarge');
      assert.match(e.message, /^127\.0\.0\.2:\d+ sent an answer that is too large \(over 64 KB, the most this extension reads\), so it was not read\.$/);
      sim.inject({ kind: 'largeBody', bytes: 256 * 1024, path: /^\/api\/org/, times: 1 });
      assert.equal((await failure(small.client.getRaw('/api/org'))).kind, 'tooLarge');
      const usual = await siteClient(sim, 'provider');
      sim.inject({ kind: 'largeBody', bytes: 256 * 1024, path: /^\/api\/query/, times: 1 });
      assert.equal((await usual.client.query('adminVM')).records.length, sim.inventory.count('adminVM'));
    });

    it('the default limit is 32 MB', async () => {
      sim.inject({ kind: 'largeBody', bytes: 32 * 1024 * 1024 + 1, path: /^\/api\/versions/, times: 1 });
      const e = await failure(fetchVersions(connFor(sim).conn));
      assert.equal(e.kind, 'tooLarge');
      assert.match(e.message, /too large \(over 32 MB, the most this extension reads\)/);
    });
  });
});
