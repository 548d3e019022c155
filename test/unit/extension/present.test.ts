import * as assert from 'node:assert/strict';
import { escapeMarkdown, memoryInWords, vmIcon, vmTooltip } from '../../../src/tree/present';
import { renderFailure, renderResponse } from '../../../src/documents/render';
import { portalTokenPageUrl } from '../../../src/commands/portalUrl';
import { newTokenName } from '../../../src/commands/tokenName';
import type { RawResponse, VmRecord } from '../../../src/vcd/types';
import { statusInWords } from '../../../src/vcd/status';

describe('tree presentation', () => {
  it('says power states in words', () => {
    assert.equal(statusInWords('POWERED_ON'), 'Powered on');
    assert.equal(statusInWords('POWERED_OFF'), 'Powered off');
    assert.equal(statusInWords('SUSPENDED'), 'Suspended');
    assert.equal(statusInWords('PARTIALLY_POWERED_OFF'), 'Partially powered off');
    assert.equal(statusInWords('SOMETHING_NEW'), 'Something new');
    assert.equal(statusInWords(undefined), 'Unknown state');
  });

  it('colours VM icons by state', () => {
    assert.deepEqual(vmIcon('POWERED_ON'), { id: 'vm-running', color: 'charts.green' });
    assert.equal(vmIcon('POWERED_OFF').id, 'vm-outline');
    assert.deepEqual(vmIcon('SUSPENDED'), { id: 'debug-pause', color: 'charts.yellow' });
    assert.equal(vmIcon('FAILED_CREATION').color, 'charts.red');
    assert.equal(vmIcon('POWERED_ON', true).id, 'loading~spin');
  });

  it('escapes server text in Markdown tooltips', () => {
    const vm: VmRecord = {
      kind: 'vm', href: 'https://h/api/vApp/vm-1', name: '[click](command:evil) <img src=x>', status: 'POWERED_ON', isVAppTemplate: false,
      guestOs: 'Ubuntu *Linux*', numberOfCpus: 4, memoryMB: 8192, ipAddress: '10.0.0.5', containerName: 'web_app', vdcName: 'vdc-1', orgName: 'acme',
    };
    const md = vmTooltip(vm, { orgName: 'acme', vdcName: 'vdc-1', vappName: 'web_app' });
    assert.ok(!md.includes('[click](command:evil)'));
    assert.ok(!/(^|[^\\])<img/.test(md), 'unescaped HTML');
    assert.ok(md.includes('\\[click\\]\\(command:evil\\)'));
    for (const fact of ['Ubuntu \\*Linux\\*', '**CPUs:** 4', '**Memory:** 8 GB', '10\\.0\\.0\\.5', 'web\\_app', 'vdc\\-1', '**Organization:** acme', 'Powered on']) {
      assert.ok(md.includes(fact), `${fact} in ${md}`);
    }
    assert.equal(escapeMarkdown('a\nb'), 'a b');
    assert.equal(memoryInWords(512), '512 MB');
    assert.equal(memoryInWords(1536), '1.5 GB');
  });
});

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

describe('token helpers', () => {
  it('names rotated tokens after the site and the date, uniquely', () => {
    const now = new Date(2024, 4, 7, 9, 5);
    assert.equal(newTokenName('Acme', now, []), 'Acme 2024-05-07 09:05');
    assert.equal(newTokenName('Acme', now, ['Acme 2024-05-07 09:05']), 'Acme 2024-05-07 09:05 (2)');
  });

  it('points SSO users at the portal page of their organization', () => {
    assert.equal(portalTokenPageUrl({ baseUrl: 'https://h', org: 'acme', isSystem: false }), 'https://h/tenant/acme/administration/settings/user-preferences');
    assert.equal(portalTokenPageUrl({ baseUrl: 'https://h', org: 'System', isSystem: true }), 'https://h/provider/administration/settings/user-preferences');
  });
});
