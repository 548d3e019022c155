import * as assert from 'node:assert/strict';
import { startSimulator, Simulator } from '../../simulator';
import { accessToken, call, exchange, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

describe('simulator: faults, latency and counters', () => {
  let sim: Simulator;
  useSimulator((started) => (sim = started), {}, { fresh: 'each test' });

  it('answers the n-th matching request with the injected status, once', async () => {
    const token = await accessToken(sim, 'tenant');
    const h = { Authorization: `Bearer ${token}`, Accept: XML_38 };
    sim.inject({ kind: 'status', status: 401, nth: 2, path: /\/api\/query/ });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(sim, 'GET', '/api/query?type=vm', h)).status);
    assert.deepEqual(statuses, [200, 401, 200]);
    sim.inject({ kind: 'status', status: 503, path: /\/oauth\// });
    const failed = await exchange(sim, sim.tenant.org, sim.tenant.apiToken);
    assert.equal(failed.status, 503);
    assert.equal(sim.counters.exchanges, 2, 'the faulted exchange counts too');
    assert.equal(sim.counters.byRoute['GET /api/query'], 3);
  });

  it('resets the connection, serves HTML or malformed XML when told', async () => {
    const remove = sim.inject({ kind: 'reset', path: /\/api\/versions/ });
    await assert.rejects(call(sim, 'GET', '/api/versions'), /socket hang up|ECONNRESET/);
    remove();
    sim.inject({ kind: 'html', times: 1 });
    const html = await call(sim, 'GET', '/api/versions');
    assert.match(String(html.headers['content-type']), /^text\/html/);
    sim.inject({ kind: 'malformedXml', times: 1 });
    const bad = await call(sim, 'GET', '/api/versions');
    assert.equal(bad.status, 200);
    assert.ok(!bad.body.includes('</SupportedVersions>'));
    assert.ok((await call(sim, 'GET', '/api/versions')).body.includes('</SupportedVersions>'));
  });

  it('sends a body slowly, and fails a deterministic share of requests with errorRate', async () => {
    sim.inject({ kind: 'slowBody', bytesPerSecond: 20_000, times: 1 });
    const t0 = performance.now();
    const slow = await call(sim, 'GET', '/api/versions');
    assert.ok(performance.now() - t0 >= 100, 'took at least one pause');
    assert.ok(slow.body.endsWith('</SupportedVersions>\n'));
    const remove = sim.inject({ kind: 'errorRate', rate: 0.5, status: 500 });
    const run = async (): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call(sim, 'GET', '/api/versions')).status);
      return out;
    };
    const first = await run();
    remove();
    const failures = first.filter((s) => s === 500).length;
    assert.ok(failures > 2 && failures < 18, `${failures} of 20 failed`);
    assert.ok(first.every((s) => s === 200 || s === 500));
    const again = await startSimulator();
    try {
      again.inject({ kind: 'errorRate', rate: 0.5, status: 500 });
      const second: number[] = [];
      for (let i = 0; i < 20; i++) second.push((await call(again, 'GET', '/api/versions')).status);
      assert.deepEqual(second, first, 'same seed, same failures');
    } finally {
      await again.close();
    }
  });

  it('applies latency per request without serialising concurrent requests', async () => {
    sim.setLatency(150);
    sim.resetCounters();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, () => call(sim, 'GET', '/api/versions')));
    const ms = performance.now() - t0;
    assert.ok(ms >= 140 && ms < 800, `8 concurrent requests took ${ms} ms`);
    assert.equal(sim.counters.maxInFlight, 8);
    assert.equal(sim.counters.requests, 8);
  });

  it('answers a status fault with exactly the body, content type and headers given', async () => {
    sim.inject({ kind: 'status', status: 400, body: '', path: /\/oauth\//, times: 1 });
    const empty = await exchange(sim, sim.tenant.org, sim.tenant.apiToken);
    assert.equal(empty.status, 400);
    assert.equal(empty.body, '');
    sim.inject({ kind: 'status', status: 400, body: '{"error":"invalid_grant"}', contentType: 'application/json', headers: { 'X-Test': 'yes' }, path: /\/oauth\//, times: 1 });
    const rfc = await exchange(sim, sim.tenant.org, sim.tenant.apiToken);
    assert.equal(rfc.body, '{"error":"invalid_grant"}');
    assert.equal(rfc.headers['content-type'], 'application/json');
    assert.equal(rfc.headers['x-test'], 'yes');
    assert.equal((await exchange(sim, sim.tenant.org, sim.tenant.apiToken)).status, 200);
  });

  it('echoes the presented credential in an error (token endpoint: the form field; API: the bearer value)', async () => {
    sim.inject({ kind: 'echoCredential', path: /\/oauth\//, times: 1 });
    const echoed = await exchange(sim, sim.tenant.org, sim.tenant.apiToken);
    assert.equal(echoed.status, 400);
    assert.ok(echoed.json<{ message: string }>().message.includes(`The credential ${sim.tenant.apiToken} is not valid`));
    const token = await accessToken(sim, 'tenant');
    sim.inject({ kind: 'echoCredential', status: 403, path: /\/api\/org/, times: 1 });
    const api = await call(sim, 'GET', '/api/org', { Authorization: `Bearer ${token}`, Accept: XML_38 });
    assert.equal(api.status, 403);
    assert.ok(api.body.includes(`The credential ${token} is not valid`));
    assert.equal((await call(sim, 'GET', '/api/org', { Authorization: `Bearer ${token}`, Accept: XML_38 })).status, 200, 'once');
  });

  it('answers 429 like a gateway, with Retry-After when given, counted like status', async () => {
    sim.inject({ kind: 'rateLimit', retryAfter: '12', path: /\/api\/versions/, times: 1 });
    const limited = await call(sim, 'GET', '/api/versions');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '12');
    assert.match(limited.body, /429 Too Many Requests/);
    assert.equal((await call(sim, 'GET', '/api/versions')).status, 200);
  });

  it('pads an answer to the size asked for, keeping it valid', async () => {
    sim.inject({ kind: 'largeBody', bytes: 100_000, path: /\/api\/versions/, times: 1 });
    const big = await call(sim, 'GET', '/api/versions');
    assert.equal(big.status, 200);
    assert.equal(Buffer.byteLength(big.body), 100_000);
    assert.ok(big.body.trimEnd().endsWith('</SupportedVersions>'));
  });

  it('closes promptly while a request hangs', async () => {
    sim.inject({ kind: 'hang' });
    const pending = call(sim, 'GET', '/api/versions').then(() => 'answered', () => 'failed');
    await new Promise<void>((resolve) => {
      const poll = (): void => (sim.counters.requests > 0 ? resolve() : void setTimeout(poll, 5));
      poll();
    });
    const t0 = performance.now();
    await sim.close();
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(await pending, 'failed');
  });
});
