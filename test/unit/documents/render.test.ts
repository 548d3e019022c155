import * as assert from 'node:assert/strict';
import { renderFailure, renderResponse } from '../../../src/documents/render';
import type { RawResponse } from '../../../src/vcd/types';

describe('raw response documents', () => {
  const base: RawResponse = {
    method: 'GET', url: 'https://h/api/vApp/vm-1', requestLine: 'GET https://h/api/vApp/vm-1 HTTP/1.1',
    accept: 'application/*+xml;version=38.0', apiVersion: '38.0', status: 200, statusText: 'OK', contentType: 'application/vnd.vmware.vcloud.vm+xml',
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Vm name="a--b"/>\n', durationMs: 12, receivedAt: '2024-01-01T00:00:00.000Z',
  };

  it('keeps the XML body byte for byte and puts the request in a comment after the declaration', () => {
    const text = renderResponse(base, 'xml');
    assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!--'));
    assert.ok(text.includes('GET https://h/api/vApp/vm-1'));
    assert.ok(text.includes('200 OK · API 38.0 · 12 ms'));
    const comment = /<!--([\s\S]*?)-->/.exec(text)!;
    assert.ok(!comment[1].includes('--'), 'no -- inside the comment');
    assert.equal(text.replace(/\n<!--[\s\S]*?-->/, ''), base.body);
  });

  it('puts the comment first when there is no declaration', () => {
    const noDecl = renderResponse({ ...base, body: '<Vm/>' }, 'xml');
    assert.match(noDecl, /^<!--[\s\S]*-->\n<Vm\/>$/);
  });

  it('gives JSON a // preamble with the request, then the body exactly as received (it parses)', () => {
    const json = '{"a":1,\n "b":"x"}';
    const text = renderResponse({ ...base, url: 'https://h/cloudapi/1.0.0/sessions/current', contentType: 'application/json;version=38.0\n}{', body: json }, 'json');
    const lines = text.split('\n');
    const preamble = lines.filter((l) => l.startsWith('//'));
    assert.equal(preamble.length, lines.findIndex((l) => !l.startsWith('//')), 'the preamble comes first');
    assert.match(preamble.join('\n'), /^\/\/ GET https:\/\/h\/cloudapi\/1\.0\.0\/sessions\/current\n\/\/ 200 OK · API 38\.0 · 12 ms/);
    const body = lines.slice(preamble.length).join('\n');
    assert.equal(body, json, 'the body byte for byte; a newline in a header value cannot end a comment');
    assert.deepEqual(JSON.parse(body), { a: 1, b: 'x' });
    assert.match(renderFailure('GET /api/x', 'Not found\nreally', 'json'), /^\/\/ GET \/api\/x\n\/\/ Not found\n\/\/ really\n$/);
  });

  it('renders a multi-megabyte body quickly (no formatting pass)', () => {
    const big = `<?xml version="1.0"?>\n<QueryResultRecords>${'<VMRecord name="x"/>'.repeat(200_000)}</QueryResultRecords>`;
    const before = process.cpuUsage();
    const text = renderResponse({ ...base, body: big }, 'xml');
    const used = process.cpuUsage(before);
    assert.ok(text.endsWith('</QueryResultRecords>'));
    // CPU time, not wall time: a busy machine does not make it fail; a formatting pass (seconds) would.
    assert.ok((used.user + used.system) / 1000 < 500, `${(used.user + used.system) / 1000} ms of CPU`);
  });
});
