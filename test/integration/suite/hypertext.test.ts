// Raw documents as hypertext, in a real extension host against a simulator of its own: the links VS Code offers in a
// VM's XML and JSON (same site only, none for actions or other hosts), following one to the vApp, the hover of a
// power link (POST, what it would do, and that hovering runs nothing), and the outline (Link rels, sections, children;
// the items of a CloudAPI page).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ApiDocumentProvider } from '../../../src/documents/apiDocumentProvider';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator, type SimVmInfo } from '../../simulator';
import { children, fixture, hostOf, item, label, setSetting } from './fixture';

const apiPath = (href: string): string => {
  const u = new URL(href);
  return u.pathname + u.search;
};

/** The links VS Code offers in a document, with their targets resolved as a click resolves them. */
async function links(doc: vscode.TextDocument): Promise<{ text: string; path: string; format: string; label?: string; target: vscode.Uri }[]> {
  const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 10_000);
  return found
    .filter((l) => l.target?.scheme === 'vcd-api')
    .map((l) => {
      const ref = ApiDocumentProvider.refOf(l.target!);
      return { text: doc.getText(l.range), path: ref.apiPath, format: ref.format, label: ref.label, target: l.target! };
    });
}

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} in the document`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 2));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

type Sym = vscode.DocumentSymbol;
async function outline(doc: vscode.TextDocument): Promise<Sym[]> {
  return vscode.commands.executeCommand<Sym[]>('vscode.executeDocumentSymbolProvider', doc.uri);
}
/** The symbol of that name (among VS Code's own JSON outline too, the one that `has`). */
const named = (list: Sym[], name: string, has: (s: Sym) => boolean = () => true): Sym => {
  const s = list.find((x) => x.name === name && has(x));
  assert.ok(s, `"${name}" in the outline: ${list.map((x) => x.name).join(', ')}`);
  return s;
};

describe('Raw documents are hypertext', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  let vm: SimVmInfo;
  let vmDoc: vscode.TextDocument;

  before(async () => {
    const { api, secrets } = await fixture();
    sim = await startSimulator({ size: { orgs: 1, vdcsPerOrg: 1, vappsPerVdc: 2, vmsPerVapp: 2 }, seed: 7 });
    secrets.add(sim.tenant.apiToken);
    siteId = `${sim.tenant.org}@${hostOf(sim)}`.toLowerCase();
    await api.config.addSite({ name: 'hypertext', url: sim.url, org: sim.tenant.org, trust: { certificate: sim.certificate!.certPem } });
    await api.tokens.setApiToken(siteId, sim.tenant.apiToken);
    vm = sim.inventory.vms().find((v) => v.status === 'POWERED_ON' && v.orgName === sim.tenant.org)!;
    assert.ok(vm, 'a powered-on VM');
  });
  after(async () => {
    const { api } = await fixture();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const entry = api.config.site(siteId);
    if (entry) await api.config.removeSite(entry);
    await api.tokens.deleteApiToken(siteId);
    await sim.close();
  });

  it("links a VM's XML to its vApp and VDC on the same site, and follows the vApp link to the vApp's XML", async () => {
    const site = (await children()).find((n) => n.id === `site:${siteId}`)!;
    let node: TreeNode | undefined = site;
    for (const name of [sim.tenant.org, vm.vdcName, vm.vappName, vm.name]) {
      node = (await children(node)).find((n) => label(n) === name);
      assert.ok(node, `${name} in the tree`);
    }
    assert.match(item(node).contextValue ?? '', /^vcd\.vm\b/);
    vmDoc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, node);
    const found = await links(vmDoc);
    const vapp = found.find((l) => l.path === apiPath(vm.vappHref));
    assert.ok(vapp, `a link to the vApp among ${found.map((l) => l.path).join(' ')}`);
    assert.equal(vapp.text, vm.vappHref, 'the href itself is the link');
    assert.ok(found.some((l) => l.path === apiPath(vm.href) && l.label === vm.name), 'the VM itself, labelled with its name');
    assert.ok(found.some((l) => /^\/api\/vdc\/[^/]+\/hwv\//.test(l.path)), 'a link into its VDC');
    assert.ok(found.every((l) => l.format === 'xml' && l.text.startsWith(sim.url)), 'XML documents on this site');
    assert.ok(!found.some((l) => /\/action\//.test(l.path)), 'actions (POST only) are not links');

    const vappDoc = await vscode.workspace.openTextDocument(vapp.target);
    assert.match(vappDoc.getText(), /<VApp [^>]*name="/);
    assert.ok(vappDoc.getText().includes(vm.href), 'the vApp lists the VM');
    const fromVapp = await links(vappDoc);
    assert.ok(fromVapp.some((l) => /^\/api\/vdc\/[^/]+$/.test(l.path)), 'the vApp links up to its VDC');
    assert.ok(fromVapp.some((l) => l.path === apiPath(vm.href) && l.label === vm.name), 'and down to its VMs by name');
  });

  it('a following click shows the tab already open for that resource', async () => {
    const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', vmDoc.uri, 10_000);
    const self = found.find((l) => l.target?.scheme === 'vcd-api' && ApiDocumentProvider.refOf(l.target).apiPath === apiPath(vm.href));
    assert.equal(self?.target?.toString(), vmDoc.uri.toString(), 'the VM tab itself, not a second tab named after the link');
  });

  it('a power link hovers with POST and what it would do, and hovering runs nothing', async () => {
    const before = sim.inventory.vms().find((v) => v.href === vm.href)!.status;
    const text = await hoverText(vmDoc, 'rel="power:powerOff"');
    assert.match(text, /`power:powerOff`/);
    assert.match(text, /\*\*POST\*\* `\/api\/vApp\/vm-[^`]+\/power\/action\/powerOff`/);
    assert.match(text, /Powers off the VM “[^”]+” at once/);
    assert.match(text, /Not run from here/);
    assert.ok(!/command:/.test(text), 'no command links');
    assert.match(await hoverText(vmDoc, 'rel="undeploy"'), /Media type: `application\/vnd\.vmware\.vcloud\.undeployVAppParams\+xml`[\s\S]*Undeploys/);
    assert.match(await hoverText(vmDoc, 'rel="edit"'), /\*\*PUT\*\*[\s\S]*Replaces the VM/);
    assert.match(await hoverText(vmDoc, 'rel="up"'), /\*\*GET\*\*/);
    assert.equal(sim.inventory.vms().find((v) => v.href === vm.href)!.status, before, 'the VM is as it was');
  });

  it('outlines the VM: its Link rels, its sections and its entities', async () => {
    const [root, ...rest] = await outline(vmDoc);
    assert.equal(rest.length, 0);
    assert.equal(root.name, 'Vm');
    assert.equal(root.detail, vm.name);
    const linkGroup = named(root.children, 'Link');
    assert.ok(linkGroup.children.some((l) => l.name === 'power:powerOff' && l.detail === 'POST'));
    assert.ok(linkGroup.children.some((l) => l.name === 'up' && l.detail === 'GET'));
    named(root.children, 'NetworkConnectionSection');
    named(named(root.children, 'VmSpecSection').children, 'HardwareVersion');
    assert.ok(!root.children.some((s) => s.name === 'DateCreated'), 'plain values stay out');
  });

  it('links nothing on another host, port or scheme, and no action', async () => {
    const other = new URL(sim.url);
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<Vm xmlns="http://www.vmware.com/vcloud/v1.5" name="crafted" href="${sim.url}/api/vApp/vm-crafted">`,
      `  <Link rel="up" href="https://elsewhere.example.com/api/vApp/vapp-1"/>`,
      `  <Link rel="down" href="https://${other.hostname}:1${other.port}/api/vApp/vm-crafted/metadata"/>`,
      `  <Link rel="alternate" href="http://${other.host}/api/vApp/vm-crafted"/>`,
      `  <Link rel="power:powerOn" href="${sim.url}/api/vApp/vm-crafted/power/action/powerOn"/>`,
      `  <Link rel="down" href="${sim.url}/portal/vm-crafted"/>`,
      `  <Link rel="up" href="${sim.url}/api/vApp/vapp-crafted?a=1&amp;b=2" name="the vApp"/>`,
      '</Vm>',
    ].join('\n');
    const remove = sim.inject({ kind: 'status', status: 200, path: /^\/api\/vApp\/vm-crafted$/, body, contentType: 'application/vnd.vmware.vcloud.vm+xml;version=38.0', times: 5 });
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, siteId, '/api/vApp/vm-crafted');
      const found = await links(doc);
      assert.deepEqual(found.map((l) => l.path), ['/api/vApp/vm-crafted', '/api/vApp/vapp-crafted?a=1&b=2']);
      assert.equal(found[0].target.toString(), doc.uri.toString(), 'itself: this tab');
      assert.equal(found[1].label, 'the vApp', 'named after the Link');
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 10_000);
      assert.ok(!all.some((l) => l.target?.scheme === 'vcd-api' && /elsewhere|:1\d/.test(doc.getText(l.range))));
      assert.match(await hoverText(doc, 'rel="up" href="https://elsewhere'), /leaves this site/);
    } finally {
      remove();
    }
  });

  it('JSON: links, hovers and the outline of a VM, and the vApp link opens JSON', async () => {
    await setSetting('responseFormat', 'json', 'json');
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, siteId, apiPath(vm.href));
      assert.equal(doc.languageId, 'jsonc');
      const found = await links(doc);
      const vapp = found.find((l) => l.path === apiPath(vm.vappHref));
      assert.ok(vapp && vapp.format === 'json' && vapp.text === vm.vappHref, 'the vApp, as JSON');
      assert.ok(!found.some((l) => /\/action\//.test(l.path)));
      const vappDoc = await vscode.workspace.openTextDocument(vapp.target);
      assert.match(vappDoc.getText(), new RegExp(`^\\{.*"href":"${vm.vappHref.replace(/[.?]/g, '\\$&')}"`, 'm'), "the vApp's JSON");
      const hover = await hoverText(doc, '"rel":"power:powerOff"');
      assert.match(hover, /\*\*POST\*\*[\s\S]*Powers off the VM/);
      const symbols = await outline(doc);
      // VS Code's JSON outline lists the links as 0, 1, 2…; ours names them by rel.
      named(symbols, 'link', (s) => s.children.some((l) => l.name === 'power:powerOff' && l.detail === 'POST'));
      named(symbols, 'link', (s) => s.children.some((l) => l.name === 'up' && l.detail === 'GET'));
      named(symbols, 'networkConnectionSection');
      assert.equal(named(symbols, 'name').detail, vm.name);
    } finally {
      await setSetting('responseFormat', undefined, 'xml');
    }
  });

  it('JSON (CloudAPI): the outline lists the top-level keys and the page items by name', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, siteId, '/cloudapi/1.0.0/vdcs');
    const symbols = await outline(doc);
    for (const key of ['resultTotal', 'pageCount', 'page', 'pageSize']) named(symbols, key);
    const values = named(symbols, 'values', (s) => s.children.some((item) => item.name === vm.vdcName));
    assert.equal(values.children.length, 1);
    assert.match(values.children[0].detail, /^urn:vcloud:vdc:/);
  });
});
