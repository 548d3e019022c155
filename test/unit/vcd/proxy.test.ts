// The certificate probe behind an HTTP proxy: it reads the certificate through a CONNECT tunnel, the way VS Code
// sends the requests, against a simulator that only the proxy can reach. Proxy failures are errors in the user's
// terms, and nothing but the CONNECT reaches the proxy.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeCertificate } from '../../../src/vcd';
import type { Simulator } from '../../simulator';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { kind, useSimulator } from '../../support/simHelpers';

const PROXY_SOURCE = '127.0.0.9';

describe('certificate probe through an HTTP proxy', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let proxy: ConnectProxy;
  useSimulator((started) => (sim = started), { acceptFrom: [PROXY_SOURCE] });
  before(async () => {
    proxy = await startConnectProxy({ outgoingAddress: PROXY_SOURCE });
  });
  after(async () => {
    await proxy.close();
  });

  it('reads the certificate through the proxy when only the proxy can reach the site', async () => {
    await assert.rejects(probeCertificate(sim.url, { timeoutMs: 5_000 }), (e: unknown) => (e as { kind?: string }).kind === 'network' || (e as { kind?: string }).kind === 'unreachable', 'a direct connection is cut off');
    const refused = sim.counters.refusedConnections;
    assert.ok(refused > 0);
    const info = await probeCertificate(sim.url, { proxy: { url: proxy.url } });
    assert.equal(info.fingerprint256, sim.certificate!.fingerprint256);
    assert.equal(info.namesHost, true);
    assert.deepEqual(proxy.connects, [new URL(sim.url).host], 'the proxy saw one CONNECT to the site');
    assert.equal(sim.counters.refusedConnections, refused, 'no direct connection this time');
    assert.equal(sim.counters.requests, 0, 'no HTTP request reached the site');
  });

  it('says when the proxy wants credentials, refuses the tunnel, or cannot be reached', async () => {
    const seen: string[] = [];
    const strict = http.createServer();
    strict.on('connect', (req: http.IncomingMessage, socket: import('node:net').Socket) => {
      seen.push(String(req.headers['proxy-authorization'] ?? ''));
      socket.end(req.headers['proxy-authorization'] === undefined ? 'HTTP/1.1 407 Proxy Authentication Required\r\n\r\n' : 'HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    const strictUrl = `http://127.0.0.1:${(strict.address() as AddressInfo).port}`;
    try {
      await assert.rejects(probeCertificate(sim.url, { proxy: { url: strictUrl } }), kind('unreachable', (e) => /asks for credentials \(HTTP 407\)/.test(e.message)));
      await assert.rejects(
        probeCertificate(sim.url, { proxy: { url: strictUrl.replace('http://', 'http://alice:s%3Acret@') } }),
        kind('unreachable', (e) => /refused the tunnel \(HTTP 403\)/.test(e.message) && !e.message.includes('s:cret')),
      );
      await assert.rejects(probeCertificate(sim.url, { proxy: { url: strictUrl, authorization: 'Negotiate abc' } }), kind('unreachable'));
      assert.deepEqual(seen, ['', `Basic ${Buffer.from('alice:s:cret').toString('base64')}`, 'Negotiate abc'], 'credentials from the URL or http.proxyAuthorization');
    } finally {
      await new Promise<void>((resolve) => strict.close(() => resolve()));
    }
    await assert.rejects(probeCertificate(sim.url, { proxy: { url: strictUrl } }), kind('unreachable', (e) => /proxy .* cannot be reached/.test(e.message)));
    await assert.rejects(probeCertificate(sim.url, { proxy: { url: 'socks5://127.0.0.1:1080' } }), kind('invalidInput', (e) => /http:\/\/ proxies only/.test(e.message)));
  });
});
