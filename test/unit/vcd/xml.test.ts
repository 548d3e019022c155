// The XML parser must not expand entities, must not pollute prototypes, and must reject malformed text.
import * as assert from 'node:assert/strict';
import { parseXml, decodeXmlEntities, XmlSyntaxError } from '../../../src/vcd/xml';
import { parseQueryPage } from '../../../src/vcd';

describe('safe XML parsing', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('does not let __proto__ / constructor / prototype names reach object prototypes', () => {
    const doc = parseXml(
      '<QueryResultRecords total="1" __proto__="x"><__proto__ polluted="yes"/><constructor><prototype polluted="yes"/></constructor>' +
        '<VMRecord name="a" __proto__="bad" constructor="bad" status="POWERED_ON"/></QueryResultRecords>',
      ['VMRecord'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(doc), Object.prototype);
    const root = doc.QueryResultRecords as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(root), Object.prototype);
    assert.equal(Object.prototype.hasOwnProperty.call(root, '__proto__'), false);
    const page = parseQueryPage('vm', '<QueryResultRecords total="1"><VMRecord name="a" __proto__="bad" status="POWERED_ON"/></QueryResultRecords>');
    assert.equal(page.records[0].name, 'a');
    assert.equal(Object.getPrototypeOf(page.records[0]), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses a billion-laughs document instead of expanding it', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;">]>' +
      '<QueryResultRecords total="1"><VMRecord name="&lol9;"/></QueryResultRecords>';
    const started = Date.now();
    assert.throws(() => parseXml(lol), XmlSyntaxError);
    assert.ok(Date.now() - started < 1000);
  });

  it('leaves undeclared entities as written and decodes only the five XML entities and character references', () => {
    assert.equal(decodeXmlEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42; &nbsp; &lol;'), 'a & b <c> "d" \'e\' AB &nbsp; &lol;');
    const doc = parseXml('<a name="x &amp;amp; y &ext;"/>');
    assert.equal((doc.a as Record<string, unknown>).name, 'x &amp; y &ext;');
  });

  it('rejects malformed and truncated XML and non-XML text', () => {
    assert.throws(() => parseXml('<a><b></a>'), XmlSyntaxError);
    assert.throws(() => parseXml('<QueryResultRecords total="3"><VMRecord name="a"/><VMRec'), XmlSyntaxError);
    assert.throws(() => parseXml(''), XmlSyntaxError);
    assert.throws(() => parseXml('{"json":true}'), XmlSyntaxError);
  });
});
