// The redactor removes every credential form the client can log: headers, form fields, JSON keys, JWTs, schemes.
import * as assert from 'node:assert/strict';
import { redact } from '../../../src/vcd';
import { redactWith } from '../../../src/vcd/redact';

const JWT =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbmlzdHJhdG9yIiwiaXNzIjoiYTkzYzlkYjlAZjkwNmU4MTUiLCJleHAiOjE2MDc1MTI4Mjh9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const API_TOKEN = 'Xq3f9ZkLm2Pw8RtY6vB1nC4dH7jK0sAe';

describe('redact', () => {
  const cases: [string, string][] = [
    [`Authorization: Bearer ${JWT}`, JWT],
    [`authorization: bearer ${JWT}`, JWT],
    ['Authorization: Basic YWRtaW5pc3RyYXRvckBTeXN0ZW06c2VjcmV0', 'YWRtaW5pc3RyYXRvckBTeXN0ZW06c2VjcmV0'],
    [`X-VMWARE-VCLOUD-ACCESS-TOKEN: ${JWT}`, JWT],
    ['x-vcloud-authorization: 08a321735de84f1d9ec80c3b3e18fa8b', '08a321735de84f1d9ec80c3b3e18fa8b'],
    [`{"x-vmware-vcloud-access-token":"opaqueAccess123456","Accept":"application/json"}`, 'opaqueAccess123456'],
    [`{"Authorization":"Bearer opaque-bearer-value-1"}`, 'opaque-bearer-value-1'],
    [`grant_type=refresh_token&refresh_token=${API_TOKEN}`, API_TOKEN],
    [`grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=opaqueAssertion99&client_id=abc`, 'opaqueAssertion99'],
    [`{"access_token":"${JWT}","token_type":"Bearer","expires_in":1800,"refresh_token":"${API_TOKEN}"}`, API_TOKEN],
    [`{"access_token": "opaque-access-7", "expires_in": 1800}`, 'opaque-access-7'],
    ['password=hunter2hunter2&user=x', 'hunter2hunter2'],
    ['{"password":"p@ss \\"quoted\\" word"}', 'p@ss'],
    [`an error mentioning ${JWT} inline`, JWT],
    ['Bearer someOpaqueTokenValue in text', 'someOpaqueTokenValue'],
  ];
  for (const [input, secret] of cases) {
    it(`removes the secret from: ${input.slice(0, 60)}`, () => {
      const out = redact(input);
      assert.ok(!out.includes(secret), out);
      assert.ok(out.includes('***'), out);
    });
  }

  it('keeps ordinary log text intact', () => {
    const line = 'GET /api/query?type=vm&page=2&pageSize=128&filter=name%3D%3Dweb -> 200 (143 ms)';
    assert.equal(redact(line), line);
    assert.equal(redact('{"expires_in":1800,"token_type":"Bearer"}'), '{"expires_in":1800,"token_type":"Bearer"}');
    assert.equal(redact('{"refresh_token":null}'), '{"refresh_token":null}');
  });

  it('removes exact known secrets and their URL-encoded form', () => {
    const secret = 'a/b+c=d token';
    const out = redactWith(`value ${secret} and ${encodeURIComponent(secret)}`, [secret]);
    assert.ok(!out.includes(secret) && !out.includes(encodeURIComponent(secret)), out);
  });

  describe('takes linear time on adversarial text (1 MB, under 100 ms of CPU each)', () => {
    const MB = 1 << 20;
    const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const shapes: Record<string, string> = {
      'repeated eyJ-': fill('eyJ-'),
      'eyJ and dots': fill('eyJ.'),
      'eyJ segments and dots': fill('eyJaaaa.'),
      'one endless eyJ segment': `eyJ${'a'.repeat(MB)}`,
      'two JWT segments, no third dot': fill('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9-'),
      'Authorization: runs': fill('Authorization: '),
      'Authorization: lines': fill('Authorization:x\n'),
      'Authorization without a colon': fill('Authorization '),
      'Authorization and a megabyte of spaces': `Authorization${' '.repeat(MB)}`,
      'Bearer repeats': fill('Bearer '),
      'Basic repeats': fill('Basic x '),
      '"token": repeats': fill('"token":'),
      '"token":" repeats': fill('"token":"'),
      '"token":" and a megabyte of backslashes': `"token":"${'\\'.repeat(MB)}`,
      '"password":" with escaped quotes': fill('"password":"\\"'),
      'refresh_token= repeats': fill('&refresh_token='),
      'white space': ' '.repeat(MB),
    };
    for (const [name, text] of Object.entries(shapes)) {
      it(name, () => {
        const before = process.cpuUsage();
        const out = redact(text);
        const used = process.cpuUsage(before);
        const ms = (used.user + used.system) / 1000;
        assert.ok(out.length > 0 && out.length <= text.length + MB, 'an answer of about the same size');
        assert.ok(ms < 100, `${name}: ${ms.toFixed(1)} ms of CPU for 1 MB`);
      });
    }

    it('still removes what hides in such text', () => {
      const out = redact(`${fill('eyJ-').slice(0, 50_000)} Authorization: Bearer ${JWT}\n{"token":"${API_TOKEN}"} ${JWT}`);
      assert.ok(!out.includes(JWT) && !out.includes(API_TOKEN), out.slice(-200));
    });
  });
});
