import * as assert from 'node:assert/strict';
import { apiPathOfHref, apiPathProblem, fromUriComponents, sameResource, tabLabel, toUriComponents, type ApiDocumentRef } from '../../../src/documents/uri';

describe('vcd-api URI codec', () => {
  const cases: ApiDocumentRef[] = [
    { siteId: 'acme@vcd.example.com', apiPath: '/api/vApp/vm-1234', format: 'xml', label: 'db (primary)' },
    { siteId: 'system@127.0.0.1:8443', apiPath: '/cloudapi/1.0.0/sessions/current', format: 'json', label: 'current' },
    { siteId: 'a/b%c@host', apiPath: '/api/query?type=vm&filter=name==web%2001;isVAppTemplate==false', format: 'xml', label: 'Ærø & Søn #1?' },
    { siteId: 'x@h', apiPath: '/api/', format: 'json', label: 'api' },
  ];
  for (const ref of cases) {
    it(`round-trips ${ref.siteId} ${ref.apiPath} (${ref.format})`, () => {
      assert.deepEqual(fromUriComponents(toUriComponents(ref)), ref);
    });
  }

  it("labels the tab with the resource's name and the format extension", () => {
    const c = toUriComponents({ siteId: 'acme@vcd.example.com', apiPath: '/api/vApp/vm-4829ec52?x=1', format: 'xml', label: 'db (primary)' });
    assert.equal(c.path, '/acme%40vcd.example.com/db (primary).xml');
    assert.equal(c.path.split('/').pop(), 'db (primary).xml');
    assert.equal(new URLSearchParams(c.query).get('path'), '/api/vApp/vm-4829ec52?x=1');
    assert.equal(new URLSearchParams(c.query).get('format'), 'xml');
  });

  it('falls back to the last segment of the API path when there is no usable name', () => {
    assert.ok(toUriComponents({ siteId: 's', apiPath: '/api/org', format: 'json' }).path.endsWith('/org.json'));
    assert.ok(toUriComponents({ siteId: 's', apiPath: '/api/query?type=vm', format: 'xml', label: '  ' }).path.endsWith('/query.xml'));
    assert.equal(tabLabel('..', '/api/vApp/vm-1'), 'vm-1');
  });

  it('keeps a name that has slashes, control characters or great length in one short path segment', () => {
    assert.equal(tabLabel('web/01\\a\nb', '/api/vApp/vm-1'), 'web-01-a-b');
    const long = tabLabel('x'.repeat(500), '/api/vApp/vm-1');
    assert.ok(long.length <= 80 && long.endsWith('…'));
    const c = toUriComponents({ siteId: 's', apiPath: '/api/vApp/vm-1', format: 'xml', label: '../../etc/passwd' });
    assert.equal(c.path.split('/').length, 3, 'site and label only');
    assert.equal(fromUriComponents(c).apiPath, '/api/vApp/vm-1');
  });

  it('names the same resource whatever its tab is called: same site, API path and format', () => {
    const fromTree = fromUriComponents(toUriComponents({ siteId: 's', apiPath: '/api/vApp/vm-1', format: 'xml', label: 'db (primary)' }));
    const typed = fromUriComponents(toUriComponents({ siteId: 's', apiPath: '/api/vApp/vm-1', format: 'xml' }));
    assert.ok(sameResource(fromTree, typed));
    assert.ok(!sameResource(fromTree, { ...typed, format: 'json' }));
    assert.ok(!sameResource(fromTree, { ...typed, siteId: 't' }));
    assert.ok(!sameResource(fromTree, { ...typed, apiPath: '/api/vApp/vm-2' }));
  });

  it('still reads the earlier form (API path in the URI path, its query in q) of restored tabs', () => {
    assert.deepEqual(fromUriComponents({ path: '/acme%40h/api/vApp/vm-1.xml', query: 'format=xml&q=x%3D1' }), {
      siteId: 'acme@h', apiPath: '/api/vApp/vm-1?x=1', format: 'xml', label: 'vm-1',
    });
  });

  it('rejects URIs that are not vcd-api documents', () => {
    assert.throws(() => fromUriComponents({ path: '/s/api/org.xml', query: 'format=html' }));
    assert.throws(() => fromUriComponents({ path: '/s/api/org.json', query: 'format=xml' }));
    assert.throws(() => fromUriComponents({ path: 'nopath', query: 'format=xml' }));
    assert.throws(() => fromUriComponents({ path: '/s/org.xml', query: 'format=xml&path=https%3A%2F%2Fevil.example.com%2Fapi' }));
    assert.throws(() => fromUriComponents({ path: '/s/etc/passwd.xml', query: 'format=xml' }));
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
