import * as assert from 'node:assert/strict';
import { normaliseBaseUrl, isSystemOrg, VcdError } from '../../../src/vcd';
import { resolveSameHost } from '../../../src/vcd/url';

const invalid = (e: unknown): boolean => e instanceof VcdError && e.kind === 'invalidInput';

describe('site URLs', () => {
  it('normalises a bare host, host:port, paths and case', () => {
    assert.equal(normaliseBaseUrl('vcd.example.com'), 'https://vcd.example.com');
    assert.equal(normaliseBaseUrl('  VCD.Example.com:8443/tenant/acme '), 'https://vcd.example.com:8443');
    assert.equal(normaliseBaseUrl('https://vcd.example.com/api/'), 'https://vcd.example.com');
    assert.equal(normaliseBaseUrl('https://vcd.example.com:443'), 'https://vcd.example.com');
    assert.equal(normaliseBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(normaliseBaseUrl('http://localhost:8080/x'), 'http://localhost:8080');
  });

  it('refuses http for real hosts, other schemes, credentials and empty input', () => {
    assert.throws(() => normaliseBaseUrl('http://vcd.example.com'), invalid);
    assert.throws(() => normaliseBaseUrl('ftp://vcd.example.com'), invalid);
    assert.throws(() => normaliseBaseUrl('https://user:pw@vcd.example.com'), invalid);
    assert.throws(() => normaliseBaseUrl('   '), invalid);
    assert.throws(() => normaliseBaseUrl('https://'), invalid);
  });

  it('recognises the System org in any case', () => {
    assert.ok(isSystemOrg('System'));
    assert.ok(isSystemOrg('SYSTEM'));
    assert.ok(isSystemOrg(' system '));
    assert.ok(!isSystemOrg('systems'));
  });

  it('follows hrefs on the same host only', () => {
    assert.equal(resolveSameHost('https://vcd.example.com', '/api/vApp/vm-1').href, 'https://vcd.example.com/api/vApp/vm-1');
    assert.equal(resolveSameHost('https://vcd.example.com', 'https://VCD.example.com/api/org').href, 'https://vcd.example.com/api/org');
    assert.throws(() => resolveSameHost('https://vcd.example.com', 'https://evil.example.com/api/org'), invalid);
    assert.throws(() => resolveSameHost('https://vcd.example.com', 'https://vcd.example.com:8443/api/org'), invalid);
    assert.throws(() => resolveSameHost('https://vcd.example.com', 'http://vcd.example.com/api/org'), invalid);
    assert.throws(() => resolveSameHost('https://vcd.example.com', '//evil.example.com/api'), invalid);
  });
});
