import * as assert from 'node:assert/strict';
import { apiPathOfHref, apiPathProblem, fromUriComponents, toUriComponents, type ApiDocumentRef } from '../../../src/documents/uri';

describe('vcd-api URI codec', () => {
  const cases: ApiDocumentRef[] = [
    { siteId: 'acme@vcd.example.com', apiPath: '/api/vApp/vm-1234', format: 'xml' },
    { siteId: 'system@127.0.0.1:8443', apiPath: '/cloudapi/1.0.0/sessions/current', format: 'json' },
    { siteId: 'a/b%c@host', apiPath: '/api/query?type=vm&filter=name==web%2001;isVAppTemplate==false', format: 'xml' },
    { siteId: 'x@h', apiPath: '/api/', format: 'json' },
  ];
  for (const ref of cases) {
    it(`round-trips ${ref.siteId} ${ref.apiPath} (${ref.format})`, () => {
      assert.deepEqual(fromUriComponents(toUriComponents(ref)), ref);
    });
  }

  it('labels the tab with the last path segment and the format extension', () => {
    const c = toUriComponents({ siteId: 'acme@vcd.example.com', apiPath: '/api/vApp/vm-1234?x=1', format: 'xml' });
    assert.equal(c.path, '/acme%40vcd.example.com/api/vApp/vm-1234.xml');
    assert.equal(c.path.split('/').pop(), 'vm-1234.xml');
    assert.match(c.query, /^format=xml&q=x%3D1$/);
    assert.ok(toUriComponents({ siteId: 's', apiPath: '/api/org', format: 'json' }).path.endsWith('/org.json'));
  });

  it('rejects URIs that are not vcd-api documents', () => {
    assert.throws(() => fromUriComponents({ path: '/s/api/org.xml', query: 'format=html' }));
    assert.throws(() => fromUriComponents({ path: '/s/api/org.json', query: 'format=xml' }));
    assert.throws(() => fromUriComponents({ path: 'nopath', query: 'format=xml' }));
  });

  it('accepts only /api and /cloudapi paths', () => {
    assert.equal(apiPathProblem('/api/org'), undefined);
    assert.equal(apiPathProblem('/api'), undefined);
    assert.equal(apiPathProblem('/cloudapi/1.0.0/sessions/current'), undefined);
    assert.equal(apiPathProblem('/api/query?type=vm&page=2'), undefined);
    for (const bad of ['', 'api/org', '/apix/org', '/admin', 'https://evil.example.com/api/org', '/api/../x', '/api/a b', '/cloudapi/./x']) {
      assert.ok(apiPathProblem(bad), `expected a problem for "${bad}"`);
    }
  });

  it('turns hrefs of the same host into paths and refuses other hosts', () => {
    assert.equal(apiPathOfHref('https://vcd.example.com/api/vApp/vm-1', 'https://vcd.example.com'), '/api/vApp/vm-1');
    assert.equal(apiPathOfHref('https://vcd.example.com:443/api/org?x=1', 'https://vcd.example.com'), '/api/org?x=1');
    assert.equal(apiPathOfHref('https://other.example.com/api/org', 'https://vcd.example.com'), undefined);
  });
});
