import * as assert from 'node:assert/strict';
import { MAX_NODES, field, scanJson, scanXml, type Node } from '../../../src/documents/scan';

const count = (n: Node | undefined): number => (n ? 1 + n.children.reduce((s, c) => s + count(c), 0) : 0);

describe('scanning raw documents', () => {
  describe('XML', () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!--\n  GET https://vcd.example.com/api/vApp/vm-1\n  <Fake href="https://x/api/in-comment"/>\n-->',
      '<Vm xmlns="http://www.vmware.com/vcloud/v1.5" name="a &amp; b" href=\'https://vcd.example.com/api/vApp/vm-1\'>',
      '  <Link rel="up" href="https://vcd.example.com/api/vApp/vapp-1?x=1&amp;y=2" type="application/vnd.vmware.vcloud.vApp+xml"/>',
      '  <Description>1 &lt; 2 <![CDATA[<Bogus href="x"/>]]></Description>',
      '  <Section gt="a>b"><Child/></Section>',
      '</Vm>',
    ].join('\n');
    const root = scanXml(text)!;

    it('reads elements, attributes (decoded, with the offsets of their text) and nesting', () => {
      assert.equal(root.name, 'Vm');
      assert.equal(text.slice(root.nameStart, root.nameEnd), 'Vm');
      assert.equal(field(root, 'name'), 'a & b');
      assert.deepEqual(root.children.map((c) => c.name), ['Link', 'Description', 'Section']);
      const link = root.children[0];
      const href = link.fields.find((f) => f.key === 'href')!;
      assert.equal(href.value, 'https://vcd.example.com/api/vApp/vapp-1?x=1&y=2');
      assert.equal(text.slice(href.start, href.end), 'https://vcd.example.com/api/vApp/vapp-1?x=1&amp;y=2');
      assert.ok(text.slice(link.start, link.end).startsWith('<Link') && text.slice(link.start, link.end).endsWith('/>'));
      assert.ok(text.slice(root.start, root.end).endsWith('</Vm>'));
    });

    it('skips comments, the declaration and CDATA, and keeps ">" inside attribute values', () => {
      assert.equal(count(root), 5, 'Vm, Link, Description, Section, Child: nothing from the comment or the CDATA');
      const section = root.children[2];
      assert.equal(field(section, 'gt'), 'a>b');
      assert.deepEqual(section.children.map((c) => c.name), ['Child']);
    });

    it('returns what it read from malformed text', () => {
      const partial = scanXml('<Vm name="x"><Link rel="up" href="h"/><Section><Open');
      assert.equal(partial?.name, 'Vm');
      assert.equal(partial?.children.length, 2);
      assert.equal(scanXml('no markup at all'), undefined);
      assert.deepEqual(scanXml('<Vm name="unterminated')?.fields, []);
    });

    it('is bounded: deep nesting, many elements and hostile text take linear time', () => {
      const started = Date.now();
      const deep = scanXml('<a>'.repeat(200_000));
      let depth = 0;
      for (let n = deep; n; n = n.children[0]) depth++;
      assert.ok(depth <= 65, `depth ${depth}`);
      const many = scanXml(`<r>${'<x a="1"/>'.repeat(MAX_NODES * 2)}</r>`);
      assert.ok(count(many) <= MAX_NODES);
      scanXml(`<r ${'a="'.repeat(300_000)}`);
      scanXml('<a b=\'' + '<!--'.repeat(300_000));
      scanXml('<'.repeat(500_000));
      assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    });
  });

  describe('JSON', () => {
    const text = '// GET https://vcd.example.com/api/vApp/vm-1\n// 200 OK\n{"name":"a\\u0026b","status":4,"ok":true,"none":null,' +
      '"link":[{"rel":"up","href":"https://vcd.example.com/api/vApp/vapp-1"},{"rel":"down","href":"h2"}],"section":{"items":["s1","s2"],"x":"y"},"empty":{}}';
    const root = scanJson(text)!;

    it('reads objects and arrays after the // preamble, with decoded strings and flagged literals', () => {
      assert.equal(root.name, '');
      assert.equal(text[root.start], '{');
      assert.equal(field(root, 'name'), 'a&b');
      assert.equal(root.fields.find((f) => f.key === 'status')?.literal, true);
      assert.equal(field(root, 'status'), undefined, 'a literal is no string');
      assert.deepEqual(root.children.map((c) => [c.name, !!c.list]), [['link', true], ['section', false], ['empty', false]]);
    });

    it('names array items after their array and keeps the offsets of keys and values', () => {
      const [link, section] = root.children;
      assert.deepEqual(link.children.map((c) => [c.name, field(c, 'rel')]), [['link', 'up'], ['link', 'down']]);
      assert.equal(text.slice(link.nameStart, link.nameEnd), 'link');
      const href = link.children[0].fields.find((f) => f.key === 'href')!;
      assert.equal(text.slice(href.start, href.end), 'https://vcd.example.com/api/vApp/vapp-1');
      assert.equal(text.slice(section.start, section.end), '{"items":["s1","s2"],"x":"y"}');
      assert.deepEqual(section.children[0].fields, [], 'strings in arrays are not fields');
    });

    it('returns what it read from malformed or truncated JSON, and nothing for no JSON', () => {
      const partial = scanJson('{"a":"b","c":{"d":"e"},"f":[1,2');
      assert.equal(field(partial, 'a'), 'b');
      assert.equal(partial?.children.length, 2);
      assert.equal(scanJson('// only a preamble\n'), undefined);
      assert.equal(scanJson('"just a string"'), undefined);
    });

    it('is bounded: deep nesting, many objects and unterminated strings take linear time', () => {
      const started = Date.now();
      const deep = scanJson('['.repeat(200_000));
      let depth = 0;
      for (let n = deep; n; n = n.children[0]) depth++;
      assert.ok(depth <= 66, `depth ${depth}`);
      assert.ok(count(scanJson(`[${'{"a":1},'.repeat(MAX_NODES * 2)}{}]`)) <= MAX_NODES);
      scanJson(`{"a":"${'\\"'.repeat(300_000)}`);
      scanJson('/*'.repeat(300_000));
      assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    });
  });
});
