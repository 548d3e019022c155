// The request file format (`*.vcd-http`): requests between `###`, `# @site` for the requests after it, comments,
// headers up to an empty line and a body up to the next `###`; what is not a request or a header is said, per request;
// the limits (file size, requests, headers) hold; Save as Request's text reads back as the same GET; package.json contributes it all.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, RequestLanguageId } from '../../../src/ids';
import { MAX_REQUEST_FILE_CHARS, MAX_REQUESTS, parseRequestFile, requestAt, requestFileText } from '../../../src/documents/requestFile';

const FILE = [
  '# Requests against the lab',          // 0
  '# @site Lab',                         // 1
  'GET /api/org',                        // 2
  '',                                    // 3
  '###  power on',                       // 4
  '// the first VM',                     // 5
  'post /api/vApp/vm-1/power/action/powerOn HTTP/1.1', // 6
  'Accept: application/*+json',          // 7
  '# a comment between headers',         // 8
  'X-Note:  two  words ',                // 9
  '',                                    // 10
  '',                                    // 11
  '<Body>',                              // 12
  '# not a comment in a body',           // 13
  '',                                    // 14
  '</Body>',                             // 15
  '',                                    // 16
  '',                                    // 17
  '### another site',                    // 18
  '# @site  Acme Prod ',                 // 19
  'DELETE /cloudapi/1.0.0/tokens/urn:vcloud:token:1', // 20
].join('\r\n');

describe('request files', () => {
  it('reads requests, their site, headers and body, and the lines of each block', () => {
    const { requests, problem } = parseRequestFile(FILE);
    assert.equal(problem, undefined);
    assert.deepEqual(
      requests.map((r) => ({ ...r })),
      [
        { method: 'GET', path: '/api/org', headers: [], site: 'Lab', startLine: 0, line: 2, endLine: 3 },
        {
          method: 'POST', path: '/api/vApp/vm-1/power/action/powerOn', headers: [['Accept', 'application/*+json'], ['X-Note', 'two  words']], site: 'Lab',
          startLine: 4, line: 6, endLine: 17, body: '<Body>\n# not a comment in a body\n\n</Body>',
        },
        { method: 'DELETE', path: '/cloudapi/1.0.0/tokens/urn:vcloud:token:1', headers: [], site: 'Acme Prod', startLine: 18, line: 20, endLine: 20 },
      ],
    );
  });

  it('finds the request of a line: its comments, request line, headers and body, the ### before it', () => {
    const file = parseRequestFile(FILE);
    const at = (line: number): string | undefined => requestAt(file, line)?.method;
    assert.deepEqual([0, 1, 2, 3].map(at), ['GET', 'GET', 'GET', 'GET']);
    assert.deepEqual([4, 5, 6, 9, 13, 17].map(at), ['POST', 'POST', 'POST', 'POST', 'POST', 'POST']);
    assert.deepEqual([18, 20].map(at), ['DELETE', 'DELETE']);
    assert.equal(at(21), undefined);
    assert.equal(requestAt(parseRequestFile('# only a comment\n###\n'), 0), undefined);
  });

  it('a # @site applies to the requests after it, also across ###, until the next one; none means Send asks', () => {
    const { requests } = parseRequestFile('GET /api/a\n###\n# @site One\nGET /api/b\nAccept: x\n# @site Two\n###\nGET /api/c\n###\n// @site   \nGET /api/d');
    assert.deepEqual(requests.map((r) => r.site), [undefined, 'One', 'Two', undefined]);
  });

  it('says what is wrong with a request, per request, and keeps reading the others', () => {
    const { requests } = parseRequestFile('GET /api/a\nAccept application/json\n\n###\nthis is a note\n###\nGET /api/b\n\n{}\n###\nGET');
    assert.match(requests[0].problem ?? '', /^Line 2: “Accept application\/json” is not a header \(Name: value\)/);
    assert.deepEqual([requests[1].method, requests[1].problem], ['', 'Line 5: “this is a note” is not a request such as GET /api/org.']);
    assert.deepEqual([requests[2].problem, requests[2].body], [undefined, '{}']);
    assert.match(requests[3].problem ?? '', /^Line 11: “GET” is not a request/);
  });

  it('reads at most 1 MB, 500 requests and 50 headers a request, and long lines are not read as requests', () => {
    const big = parseRequestFile(`GET /api/org\n${' '.repeat(MAX_REQUEST_FILE_CHARS)}`);
    assert.deepEqual(big.requests, []);
    assert.match(big.problem ?? '', /read up to 1048576 \(1 MB\)/);
    const many = parseRequestFile(Array.from({ length: MAX_REQUESTS + 20 }, (_, i) => `GET /api/${i}`).join('\n###\n'));
    assert.equal(many.requests.length, MAX_REQUESTS);
    assert.match(many.problem ?? '', /first 500 requests/);
    const headers = parseRequestFile(`GET /api/org\n${Array.from({ length: 51 }, (_, i) => `X-${i}: v`).join('\n')}`).requests[0];
    assert.equal(headers.headers.length, 50);
    assert.match(headers.problem ?? '', /at most 50 headers/);
    const long = parseRequestFile(`GET /api/${'x'.repeat(9000)}`).requests[0];
    assert.equal(long.method, '');
    assert.match(long.problem ?? '', /is not a request/);
  });

  it('takes linear time on hostile lines', () => {
    const hostile = [`GET /a${' '.repeat(5000)}x`, `# @site${' \t'.repeat(3000)}x`, `X${' '.repeat(5000)}:`, `${'#'.repeat(8000)}`].join('\n');
    const started = performance.now();
    for (let i = 0; i < 20; i++) parseRequestFile(`${hostile}\n`.repeat(10));
    assert.ok(performance.now() - started < 2000);
  });

  it('Save as Request writes the site, the request line and the Accept on one line each, which read back as that GET', () => {
    const text = requestFileText({ site: 'Lab\nGET /api/evil', method: 'GET', path: '/api/vApp/vm-1?x=1', accept: 'application/*+xml' });
    assert.equal(text, '# @site Lab GET /api/evil\nGET /api/vApp/vm-1?x=1\nAccept: application/*+xml\n');
    const [request] = parseRequestFile(requestFileText({ site: 'Lab', method: 'GET', path: '/cloudapi/1.0.0/sessions/current', accept: 'application/json' })).requests;
    assert.deepEqual({ ...request }, { method: 'GET', path: '/cloudapi/1.0.0/sessions/current', headers: [['Accept', 'application/json']], site: 'Lab', startLine: 0, line: 1, endLine: 3 });
  });
});

describe('request files in package.json', () => {
  interface Pkg {
    contributes: {
      languages: { id: string; extensions: string[]; configuration: string }[];
      grammars: { language: string; scopeName: string; path: string }[];
      commands: { command: string; title: string; category: string }[];
      menus: Record<string, { command: string; when?: string }[]>;
    };
  }
  const root = join(__dirname, '../../../..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Pkg;

  it('contributes the language vcd-http for *.vcd-http with # comments and its grammar, both shipped', () => {
    const language = pkg.contributes.languages.find((l) => l.id === RequestLanguageId);
    assert.deepEqual(language?.extensions, ['.vcd-http']);
    const config = JSON.parse(readFileSync(join(root, language?.configuration ?? 'missing'), 'utf8')) as { comments: { lineComment: string } };
    assert.equal(config.comments.lineComment, '#');
    const grammar = pkg.contributes.grammars.find((g) => g.language === RequestLanguageId);
    const tm = JSON.parse(readFileSync(join(root, grammar!.path), 'utf8')) as { scopeName: string };
    assert.equal(tm.scopeName, grammar!.scopeName);
    assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!syntaxes\/\*\*$/m);
  });

  it('declares Send Request and Save as Request File… in category VCD, in the palette where they apply, Save on vcd-api tabs', () => {
    const declared = (id: string): [string, string] | undefined => {
      const c = pkg.contributes.commands.find((x) => x.command === id);
      return c && [c.title, c.category];
    };
    assert.deepEqual(declared(Commands.sendRequest), ['Send Request', 'VCD']);
    assert.deepEqual(declared(Commands.saveAsRequest), ['Save as Request File…', 'VCD']);
    const when = (menu: string, id: string): (string | undefined)[] => (pkg.contributes.menus[menu] ?? []).filter((e) => e.command === id).map((e) => e.when);
    assert.deepEqual(when('commandPalette', Commands.sendRequest), ['editorLangId == vcd-http']);
    assert.deepEqual(when('commandPalette', Commands.saveAsRequest), ['resourceScheme == vcd-api']);
    assert.deepEqual(when('editor/title', Commands.saveAsRequest), ['resourceScheme == vcd-api']);
  });
});
