// Raw API responses in read-only editor tabs, inside a real extension host, on a simulator of its own with a tenant
// and a System site: a VM's XML from the tree, any path from Open API Path… (after asking which site), /cloudapi as
// JSON with comments, and one tab per resource named after it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { children, descendants, fixture, isVm, pickByValue, siteNode, withScript } from './fixture';

describe('raw API responses in editor tabs', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let tenant: string;
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ size: 'demo' });
    tenant = await sites.add(sim, { name: 'Documents tenant', user: 'tenant' });
    // A second site: Open API Path… from the palette asks which one.
    await sites.add(sim, { name: 'Documents provider', user: 'provider' });
  });
  after(async () => {
    await sim?.close();
  });

  async function firstVm(): Promise<TreeNode & { name: string; href: string }> {
    const org = (await children(await siteNode(tenant)))[0];
    const vm = (await descendants(org, 3)).find(isVm);
    assert.ok(vm, 'a VM in the tree');
    return vm as TreeNode & { name: string; href: string };
  }

  it('opens a VM as a read-only XML document with the request visible and no token', async () => {
    const { api } = await fixture();
    const vm = await firstVm();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
    assert.equal(doc.uri.scheme, 'vcd-api');
    assert.equal(doc.languageId, 'xml');
    const text = doc.getText();
    assert.match(text, /<Vm[\s>]/);
    assert.match(text, new RegExp(`GET ${sim.url.replace(/[.]/g, '\\.')}/api/vApp/vm-`));
    assert.match(text, /200 OK · API \d+\.\d+ · \d+ ms/);
    assert.ok(!text.includes(sim.tenant.apiToken));
    assert.ok(!/Bearer|authorization/i.test(text));
    const response = api.documents.response(doc.uri);
    assert.ok(response && text.endsWith(response.body.slice(-200)), 'body kept as received');
  });

  it('opens any /api path from the palette after asking for the site and validating the path', async () => {
    const { result } = await withScript(
      [
        { kind: 'pick', id: 'pickSite', choose: pickByValue((v) => (v as { id: string }).id === tenant) },
        { kind: 'input', id: 'openApiPath.path', answer: '/api/org', check: (r) => { assert.ok(r.validate?.('https://elsewhere.example.com/api/org')); assert.ok(r.validate?.('/etc/passwd')); } },
      ],
      () => vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath),
    );
    assert.match(result.getText(), /<OrgList/);
    assert.ok(!result.getText().includes(sim.tenant.apiToken));
    await vscode.commands.executeCommand(Commands.refresh, result.uri);
    assert.match(result.getText(), /<OrgList/);
  });

  it('opens /cloudapi paths as JSON (with comments) although raw responses are XML, and the body parses', async () => {
    const { api } = await fixture();
    assert.equal(api.config.settings.responseFormat, 'xml', 'the setting asks for XML');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, tenant, '/cloudapi/1.0.0/sessions/current');
    assert.equal(doc.languageId, 'jsonc');
    assert.match(doc.uri.path, /\/current\.json$/, 'the tab is named .json');
    const lines = doc.getText().split('\n');
    const preamble = lines.findIndex((l) => !l.startsWith('//'));
    assert.match(lines[0], /^\/\/ GET https:\/\/\S+\/cloudapi\/1\.0\.0\/sessions\/current$/);
    assert.ok(!doc.getText().includes('<!--'), 'no XML comment');
    const body = JSON.parse(lines.slice(preamble).join('\n')) as { user?: { name?: string } };
    assert.equal(body.user?.name, sim.tenant.user);
    assert.equal(lines.slice(preamble).join('\n'), api.documents.response(doc.uri)?.body, 'the body as received');
    const diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(diagnostics.map((d) => d.message), [], 'no error squiggles');
  });

  it('names tabs after the resource, one per resource, from the tree or from Open API Path…', async () => {
    const { api } = await fixture();
    const vm = await firstVm();
    const fromTree = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
    assert.equal(fromTree.uri.path.split('/').pop(), `${vm.name}.xml`, 'the tab shows the VM name');
    assert.equal(fromTree.languageId, 'xml');
    const path = new URL(vm.href).pathname;
    const typed = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, tenant, path);
    assert.equal(typed.uri.toString(), fromTree.uri.toString(), 'Open API Path… shows the tab the tree opened');
    const again = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
    assert.equal(again.uri.toString(), fromTree.uri.toString());
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'vcd-api' && t.input.uri.query.includes(encodeURIComponent(path)));
    assert.equal(tabs.length, 1, 'one tab for the resource');
    assert.equal(tabs[0].label, `${vm.name}.xml`);
    assert.match(api.documents.response(fromTree.uri)?.url ?? '', new RegExp(`${path}$`));
  });
});
