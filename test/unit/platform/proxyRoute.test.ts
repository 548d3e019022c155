// Which proxy the certificate probe takes: the same one VS Code's network layer picks for the site's requests.
import * as assert from 'node:assert/strict';
import { bypassesProxy, proxyRoute } from '../../../src/platform/proxyRoute';

describe('proxy route (as VS Code 1.100 resolves it)', () => {
  const site = 'https://vcd.example.com';

  it('takes http.proxy, then HTTPS_PROXY / HTTP_PROXY, with http.proxyAuthorization', () => {
    assert.deepEqual(proxyRoute(site, { proxy: 'http://proxy:3128', env: { HTTPS_PROXY: 'http://env:8080' } }), { url: 'http://proxy:3128' });
    assert.deepEqual(proxyRoute(site, { proxy: '', env: { HTTPS_PROXY: 'http://env:8080' } }), { url: 'http://env:8080' });
    assert.deepEqual(proxyRoute(site, { env: { http_proxy: 'http://lower:1' } }), { url: 'http://lower:1' });
    assert.deepEqual(proxyRoute(site, { proxy: 'http://proxy:3128', authorization: 'Basic eA==', env: {} }), { url: 'http://proxy:3128', authorization: 'Basic eA==' });
    assert.equal(proxyRoute(site, { env: {} }), undefined, 'no proxy configured: direct');
  });

  it('goes direct for http.proxySupport off, loopback hosts, and hosts named by http.noProxy (or NO_PROXY when that is empty)', () => {
    const proxy = 'http://proxy:3128';
    assert.equal(proxyRoute(site, { support: 'off', proxy, env: {} }), undefined);
    assert.equal(proxyRoute('https://127.0.0.1:8443', { proxy, env: {} }), undefined);
    assert.equal(proxyRoute('https://localhost', { proxy, env: {} }), undefined);
    assert.deepEqual(proxyRoute('https://127.0.0.2:8443', { proxy, env: {} }), { url: proxy }, '127.0.0.2 is not exempt');
    assert.equal(proxyRoute(site, { proxy, noProxy: ['example.com'], env: {} }), undefined);
    assert.equal(proxyRoute(site, { proxy, env: { NO_PROXY: 'other.org, .example.com' } }), undefined);
    assert.deepEqual(proxyRoute(site, { proxy, noProxy: ['other.org'], env: { NO_PROXY: 'example.com' } }), { url: proxy }, 'http.noProxy wins over NO_PROXY');
  });

  it('matches no-proxy entries by domain suffix and optional port', () => {
    assert.ok(bypassesProxy(['*'], 'anything', '443'));
    assert.ok(bypassesProxy(['example.com'], 'vcd.example.com', '443'));
    assert.ok(bypassesProxy(['.example.com'], 'example.com', '443'));
    assert.ok(!bypassesProxy(['example.com'], 'badexample.com', '443'));
    assert.ok(bypassesProxy(['vcd.example.com:443'], 'vcd.example.com', '443'));
    assert.ok(!bypassesProxy(['vcd.example.com:8443'], 'vcd.example.com', '443'));
    assert.ok(bypassesProxy([' 127.0.0.2 '], '127.0.0.2', '8443'));
    assert.ok(!bypassesProxy(['', '  '], 'vcd.example.com', '443'));
  });
});
