import * as assert from 'node:assert/strict';
import { findLinks, linkAt, linkHover, methodOf, outline, type OutlineSymbol } from '../../../src/documents/hypertext';
import { scanJson, scanXml } from '../../../src/documents/scan';

const BASE = 'https://vcd.example.com';
const VM = `${BASE}/api/vApp/vm-1`;

// The shape of a VM as VCD answers it (vcd-api.md §5, MALOJA vm_xml), with a few hostile additions.
const vmXml = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!--\n  GET https://vcd.example.com/api/vApp/vm-1\n-->',
  `<Vm xmlns="http://www.vmware.com/vcloud/v1.5" status="4" name="db *primary*" href="${VM}" type="application/vnd.vmware.vcloud.vm+xml">`,
  `  <Link rel="power:powerOff" href="${VM}/power/action/powerOff"/>`,
  `  <Link rel="undeploy" href="${VM}/action/undeploy" type="application/vnd.vmware.vcloud.undeployVAppParams+xml"/>`,
  `  <Link rel="up" href="${BASE}/api/vApp/vapp-1" type="application/vnd.vmware.vcloud.vApp+xml"/>`,
  `  <Link rel="edit" href="${VM}" type="application/vnd.vmware.vcloud.vm+xml"/>`,
  `  <Link rel="remove" href="${VM}"/>`,
  `  <Link rel="screen:acquireMksTicket" href="${VM}/screen/action/acquireMksTicket"/>`,
  '  <Link rel="down" href="https://elsewhere.example.com/api/vApp/vm-1/metadata"/>',
  '  <Link rel="down" href="https://vcd.example.com:8443/api/org"/>',
  '  <Link rel="down" href="http://vcd.example.com/api/org"/>',
  `  <Link rel="down" href="${BASE}/tenant/acme"/>`,
  '  <Description>a VM</Description>',
  `  <NetworkConnectionSection href="${VM}/networkConnectionSection/"><NetworkConnection network="net-1"><IpAddress>10.0.0.1</IpAddress></NetworkConnection></NetworkConnectionSection>`,
  '  <VmSpecSection Modified="false"><NumCpus>1</NumCpus><MemoryResourceMb><Configured>4096</Configured></MemoryResourceMb></VmSpecSection>',
  `  <StorageProfile href="${BASE}/api/vdcStorageProfile/sp-1" name="Gold"/>`,
  '  <DateCreated>2024-01-15</DateCreated>',
  '</Vm>',
].join('\n');

const queryXml = [
  `<QueryResultRecords xmlns="http://www.vmware.com/vcloud/v1.5" name="vm" href="${BASE}/api/query?type=vm&amp;page=1">`,
  `  <Link rel="nextPage" href="${BASE}/api/query?type=vm&amp;page=2"/>`,
  `  <VMRecord name="web-01" href="${BASE}/api/vApp/vm-2" containerName="shop" container="${BASE}/api/vApp/vapp-2" vdcName="Dev" vdc="${BASE}/api/vdc/vdc-1"/>`,
  '</QueryResultRecords>',
].join('\n');

const vmJson = `// GET ${VM}\n{"name":"web","href":"${VM}","status":4,"link":[` +
  `{"rel":"power:powerOn","href":"${VM}/power/action/powerOn","type":null,"name":null},` +
  `{"rel":"up","href":"${BASE}/api/vApp/vapp-1","type":"application/vnd.vmware.vcloud.vApp+json","name":"shop","method":null},` +
  `{"rel":"alternate","href":"${BASE}/cloudapi/1.0.0/vms/urn","method":"patch"}],` +
  `"otherAttributes":{},"networkConnectionSection":{"href":"${VM}/networkConnectionSection/","networkConnection":[{"network":"net-1"}]},"vCloudExtension":[]}`;

const page = '{"resultTotal":2,"page":1,"values":[{"id":"urn:vcloud:vdc:1","name":"Dev","org":{"name":"acme","id":"urn:vcloud:org:1"}},{"id":"urn:vcloud:vdc:2","name":"Prod"}]}';

/** Every symbol's selection lies inside its range, and children inside their parent (VS Code rejects anything else). */
function assertNested(list: OutlineSymbol[], parent?: OutlineSymbol): void {
  for (const s of list) {
    assert.ok(s.start <= s.selStart && s.selEnd <= s.end, `${s.name}: selection inside the range`);
    if (parent) assert.ok(parent.start <= s.start && s.end <= parent.end, `${s.name} inside ${parent.name}`);
    assertNested(s.children, s);
  }
}

describe('raw documents as hypertext', () => {
  describe('links', () => {
    it('links hrefs on the same site to /api and /cloudapi resources, labelled by the element, in document order', () => {
      const root = scanXml(vmXml);
      const links = findLinks(root, BASE);
      assert.deepEqual(
        links.map((l) => [l.apiPath, l.label]),
        [
          ['/api/vApp/vm-1', 'db *primary*'],
          ['/api/vApp/vapp-1', undefined],
          ['/api/vApp/vm-1', undefined],
          ['/api/vApp/vm-1', undefined],
          ['/api/vApp/vm-1/networkConnectionSection/', undefined],
          ['/api/vdcStorageProfile/sp-1', 'Gold'],
        ],
      );
      for (const l of links) assert.ok(vmXml.slice(l.start, l.end).startsWith(`${BASE}/api/`), 'the range is the URL itself');
    });

    it('never links another host, port or scheme, a path outside the API, an action (POST only) or the request comment', () => {
      const texts = findLinks(scanXml(vmXml), BASE).map((l) => vmXml.slice(l.start, l.end));
      assert.ok(!texts.some((t) => /elsewhere|:8443|^http:|\/tenant\/|\/action\//.test(t)));
      assert.ok(vmXml.slice(0, vmXml.indexOf('<Vm')).includes(VM), 'the comment names the VM');
      assert.ok(findLinks(scanXml(vmXml), BASE).every((l) => l.start > vmXml.indexOf('<Vm')), 'but is no link');
      assert.deepEqual(findLinks(scanXml(vmXml), 'https://other.example.com'), []);
    });

    it("links query records' references by their names, with entities decoded", () => {
      assert.deepEqual(
        findLinks(scanXml(queryXml), BASE).map((l) => [l.apiPath, l.label]),
        [
          ['/api/query?type=vm&page=1', 'vm'],
          ['/api/query?type=vm&page=2', undefined],
          ['/api/vApp/vm-2', 'web-01'],
          ['/api/vApp/vapp-2', 'shop'],
          ['/api/vdc/vdc-1', 'Dev'],
        ],
      );
    });

    it('links JSON hrefs, including those in link lists, but no literal', () => {
      const links = findLinks(scanJson(vmJson), BASE);
      assert.deepEqual(links.map((l) => [l.apiPath, l.label]), [
        ['/api/vApp/vm-1', 'web'],
        ['/api/vApp/vapp-1', 'shop'],
        ['/cloudapi/1.0.0/vms/urn', undefined],
        ['/api/vApp/vm-1/networkConnectionSection/', undefined],
      ]);
      assert.equal(vmJson.slice(links[1].start, links[1].end), `${BASE}/api/vApp/vapp-1`);
    });

    it('stops at the cap', () => {
      const many = `<r>${`<Link rel="down" href="${BASE}/api/org/1"/>`.repeat(7000)}</r>`;
      assert.equal(findLinks(scanXml(many), BASE).length, 5000);
      assert.equal(findLinks(scanXml(many), BASE, 3).length, 3);
    });
  });

  describe('hovers', () => {
    const hoverAt = (text: string, needle: string, parse = scanXml): string => {
      const found = linkAt(parse(text), text.indexOf(needle) + 1);
      assert.ok(found, `a Link at ${needle}`);
      return linkHover(found.link, found.owner, BASE);
    };

    it('a power link: POST, its path, no media type, what it does to the VM by name, and that the hover runs nothing', () => {
      const md = hoverAt(vmXml, 'power:powerOff');
      assert.match(md, /^\*\*Link\*\* `power:powerOff` · \*\*POST\*\* `\/api\/vApp\/vm-1\/power\/action\/powerOff`/);
      assert.match(md, /Media type: none given/);
      assert.match(md, /Powers off the VM “db \\\*primary\\\*” at once, without shutting down the guest OS\./, 'the name, its Markdown escaped');
      assert.match(md, /Not run from here/);
      assert.ok(!/command:|<a |\]\(/.test(md), 'no links, commands or HTML');
    });

    it('undeploy, edit, remove and unknown actions say their method and effect; reading links say GET', () => {
      assert.match(hoverAt(vmXml, 'rel="undeploy"'), /\*\*POST\*\*[\s\S]*`application\/vnd\.vmware\.vcloud\.undeployVAppParams\+xml`[\s\S]*Undeploys the VM/);
      assert.match(hoverAt(vmXml, 'rel="edit"'), /\*\*PUT\*\*[\s\S]*Replaces the VM “db \\\*primary\\\*” with the request body/);
      assert.match(hoverAt(vmXml, 'rel="remove"'), /\*\*DELETE\*\*[\s\S]*Deletes the VM/);
      assert.match(hoverAt(vmXml, 'acquireMksTicket"'), /\*\*POST\*\*[\s\S]*Runs `acquireMksTicket` on the VM[\s\S]*Not run from here/);
      const up = hoverAt(vmXml, 'rel="up"');
      assert.match(up, /\*\*GET\*\* `\/api\/vApp\/vapp-1`[\s\S]*Reads the resource that holds this one/);
      assert.ok(!/Not run/.test(up));
      assert.match(hoverAt(vmXml, 'elsewhere'), /`https:\/\/elsewhere\.example\.com\/api\/vApp\/vm-1\/metadata`[\s\S]*leaves this site/);
    });

    it('JSON links: the method they carry wins, else the one their rel means', () => {
      assert.match(hoverAt(vmJson, 'power:powerOn', scanJson), /\*\*POST\*\*[\s\S]*Powers on the VM “web”/);
      assert.match(hoverAt(vmJson, '"rel":"up"', scanJson), /\*\*GET\*\*[\s\S]*`application\/vnd\.vmware\.vcloud\.vApp\+json`/);
      assert.match(hoverAt(vmJson, 'alternate', scanJson), /\*\*PATCH\*\*/);
    });

    it('only on Links, and server text cannot break out of its code span or line', () => {
      const root = scanXml(vmXml);
      assert.equal(linkAt(root, vmXml.indexOf('<Description>') + 2), undefined);
      assert.equal(linkAt(root, 0), undefined);
      const evil = scanXml('<Vm name="x&#10;# Title"><Link rel="a`b" href="https://vcd.example.com/api/x`y&#10;[z](command:vcd.powerOff)"/></Vm>')!;
      const md = linkHover(evil.children[0], evil, BASE);
      assert.equal(md.split('`').length % 2, 1, 'code spans balanced');
      const prose = md.replace(/`[^`]*`/g, '');
      assert.ok(!prose.includes('\n#') && !prose.includes(']('), md);
    });

    it('methods from rels', () => {
      const cases: [string, string, string][] = [
        ['power:reboot', '/api/vApp/vm-1/power/action/reboot', 'POST'],
        ['deploy', '/api/vApp/vapp-1/action/deploy', 'POST'],
        ['discardState', '/api/vApp/vm-1/action/discardSuspendedState', 'POST'],
        ['task:cancel', '/api/task/1/action/cancel', 'POST'],
        ['add', '/api/catalog/1/catalogItems', 'POST'],
        ['edit', '/api/vApp/vm-1', 'PUT'],
        ['remove', '/api/vApp/vm-1', 'DELETE'],
        ['down', '/api/vApp/vm-1/metadata', 'GET'],
        ['alternate', '/api/admin/vdc/1', 'GET'],
      ];
      for (const [rel, href, method] of cases) assert.equal(methodOf(rel, href), method, rel);
      assert.equal(methodOf('edit', '/x', 'post'), 'POST');
      assert.equal(methodOf('edit', '/x', 'not a method'), 'PUT');
    });
  });

  describe('outline', () => {
    it('XML: the root, its Link rels with methods, sections and entities; no plain values', () => {
      const symbols = outline(scanXml(vmXml));
      assertNested(symbols);
      assert.equal(symbols.length, 1);
      const [vm] = symbols;
      assert.deepEqual([vm.name, vm.detail, vm.kind], ['Vm', 'db *primary*', 'root']);
      assert.deepEqual(vm.children.map((s) => [s.name, s.kind]), [
        ['Link', 'links'],
        ['NetworkConnectionSection', 'section'],
        ['VmSpecSection', 'section'],
        ['StorageProfile', 'entity'],
      ]);
      assert.deepEqual(vm.children[0].children.slice(0, 5).map((s) => `${s.name} ${s.detail}`), ['power:powerOff POST', 'undeploy POST', 'up GET', 'edit PUT', 'remove DELETE']);
      assert.deepEqual(vm.children[1].children.map((s) => [s.name, s.kind]), [['NetworkConnection', 'entity']]);
      assert.deepEqual(vm.children[2].children, [], 'MemoryResourceMb holds plain values only');
    });

    it('XML: query records by name', () => {
      const [root] = outline(scanXml(queryXml));
      assert.deepEqual(root.children.map((s) => `${s.name} ${s.detail}`), ['Link 1', 'VMRecord web-01']);
    });

    it('JSON: top-level keys, the link list by rel, and objects; empty ones left out', () => {
      const symbols = outline(scanJson(vmJson));
      assertNested(symbols);
      assert.deepEqual(symbols.map((s) => `${s.name}:${s.kind}`), ['name:value', 'href:value', 'status:value', 'link:links', 'networkConnectionSection:object']);
      assert.deepEqual(symbols[3].children.map((s) => `${s.name} ${s.detail}`), ['power:powerOn POST', 'up GET', 'alternate PATCH']);
      assert.equal(vmJson.slice(symbols[3].selStart, symbols[3].selEnd), 'link');
    });

    it('JSON: the items of a CloudAPI page by name, with their ids', () => {
      const symbols = outline(scanJson(page));
      assertNested(symbols);
      const values = symbols.find((s) => s.name === 'values')!;
      assert.deepEqual(values.children.map((s) => `${s.name} ${s.detail}`), ['Dev urn:vcloud:vdc:1', 'Prod urn:vcloud:vdc:2']);
      assert.deepEqual(values.children[0].children.map((s) => `${s.name} ${s.detail}`), ['org acme']);
    });

    it('stops at the cap and is empty for no document', () => {
      const many = `<r>${'<Rec name="x"/>'.repeat(9000)}</r>`;
      const count = (l: OutlineSymbol[]): number => l.reduce((n, s) => n + 1 + count(s.children), 0);
      assert.ok(count(outline(scanXml(many))) <= 5000);
      assert.ok(count(outline(scanXml(many), 10)) <= 10);
      assert.deepEqual(outline(undefined), []);
    });
  });
});
