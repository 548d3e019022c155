// A tenant site whose API token belongs to a user who is not an organization administrator (role vApp User), in
// a real extension host: added through Add Site…, browsed down to VMs, showing exactly what VCD lets that role see.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator } from '../../simulator';
import { accessToken, call, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { siteIdOn, useSites } from '../../support/extensionSites';
import { children, fixture, item, label, siteNode, tooltipText, withScript } from './fixture';

const kindOf = (node: TreeNode): string => item(node).contextValue ?? '';

describe('a tenant site of a vApp User (not an organization administrator)', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ size: 'demo' });
    (await fixture()).secrets.add(sim.vappUser.apiToken);
    siteId = siteIdOn(sim, sim.vappUser.org);
    // Added through Add Site… by the first test; removed with its token after the suite.
    sites.track(siteId);
  });

  after(async () => {
    await sim?.close();
  });

  const site = (): Promise<TreeNode> => siteNode(siteId);

  it('is added from the palette with the vApp User\'s API token, after trusting the certificate', async () => {
    const { api } = await fixture();
    const { result } = await withScript(
      [
        { kind: 'input', id: 'addSite.url', answer: sim.url },
        { kind: 'input', id: 'addSite.org', answer: sim.vappUser.org },
        { kind: 'input', id: 'addSite.token', answer: sim.vappUser.apiToken },
        { kind: 'message', match: /certificate of .* is not trusted/, answer: 'Trust This Certificate', check: (r) => assert.ok(r.detail?.includes(sim.certificate!.fingerprint256)) },
        { kind: 'message', match: /^Added site/ },
      ],
      () => vscode.commands.executeCommand<string>(Commands.addSite),
    );
    assert.equal(result, siteId);
    assert.equal(await api.tokens.getApiToken(siteId), sim.vappUser.apiToken);
  });

  it('shows its organization with the full name, every VDC, and down to VMs exactly what the role may view', async () => {
    const orgs = await children(await site());
    assert.deepEqual(orgs.map(label), [sim.vappUser.org], 'the organization, not an error');
    assert.match(kindOf(orgs[0]), /^vcd\.org\b/);
    assert.equal(item(orgs[0]).description, 'ACME Corporation', 'its full name');
    assert.match(tooltipText(orgs[0]), /\*\*VDCs:\*\* 2 VDCs/);

    const vdcs = await children(orgs[0]);
    assert.equal(vdcs.length, sim.inventory.count('adminOrgVdc', { orgName: sim.vappUser.org }), 'every VDC of the org');
    for (const vdc of vdcs) assert.match(kindOf(vdc), /^vcd\.vdc\b/);
    const visibleVApps = (vdc: TreeNode): string[] => sim.inventory.vappNames({ orgName: sim.vappUser.org, vdcName: label(vdc), visibleTo: 'vappUser' });
    const empty = vdcs.filter((vdc) => visibleVApps(vdc).length === 0);
    assert.equal(empty.length, 1, 'one VDC where it sees no vApp');
    // Nothing to see for this role there: said as such, not as an error.
    assert.deepEqual((await children(empty[0])).map((n) => [label(n), kindOf(n)]), [['No vApps', 'vcd.message']]);
    const vms: TreeNode[] = [];
    for (const vdc of vdcs.filter((v) => v !== empty[0])) {
      const vapps = await children(vdc);
      assert.deepEqual(vapps.map(label), visibleVApps(vdc), `the vApps of ${label(vdc)} it may view, sorted by name`);
      for (const vapp of vapps) {
        assert.match(kindOf(vapp), /^vcd\.vapp\b/);
        const kids = await children(vapp);
        assert.ok(kids.every((k) => /^vcd\.(vm|message)\b/.test(kindOf(k))), `${label(vapp)}: ${kids.map(kindOf).join(', ')}`);
        vms.push(...kids.filter((k) => /^vcd\.vm\b/.test(kindOf(k))));
      }
    }
    const visible = sim.inventory.vmNames({ orgName: sim.vappUser.org, visibleTo: 'vappUser' });
    assert.deepEqual(vms.map(label).sort(), [...visible].sort(), 'exactly the VMs it may view');
    assert.ok(visible.length > 0 && visible.length < sim.inventory.vmNames({ orgName: sim.vappUser.org }).length, 'a strict, non-empty part of the org');
    for (const vm of vms) assert.match(String(item(vm).description), /^(Powered on|Powered off|Suspended|Unresolved|Unknown state)/);
  });

  it('opens the API response of its organization and of its VMs', async () => {
    const org = (await children(await site()))[0];
    assert.match(kindOf(org), /^vcd\.org\b/, `the organization, not: ${label(org)}`);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, org);
    assert.match(doc.getText(), /200 OK/);
    assert.match(doc.getText(), /<FullName>ACME Corporation<\/FullName>/);
    const vdc = (await children(org)).find((n) => sim.inventory.vappNames({ orgName: sim.vappUser.org, vdcName: label(n), visibleTo: 'vappUser' }).length > 0)!;
    const vm = (await children((await children(vdc))[0])).find((n) => /^vcd\.vm\b/.test(kindOf(n)))!;
    const vmDoc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
    assert.match(vmDoc.getText(), /200 OK/);
    assert.ok(!vmDoc.getText().includes(sim.vappUser.apiToken));
  });

  it('says the server refused a VM of the org the role may not view, when its path is opened', async () => {
    const admin = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
    const filter = encodeURIComponent('isVAppTemplate==false');
    const every = xmlAttrs((await call(sim, 'GET', `/api/query?type=vm&pageSize=128&filter=${filter}`, admin)).body, 'VMRecord');
    const org = (await children(await site()))[0];
    const shown = new Set<string>();
    for (const vdc of await children(org)) {
      for (const vapp of await children(vdc)) {
        for (const vm of await children(vapp)) if (/^vcd\.vm\b/.test(kindOf(vm))) shown.add((vm as TreeNode & { href: string }).href);
      }
    }
    assert.equal(shown.size, sim.inventory.vmNames({ orgName: sim.vappUser.org, visibleTo: 'vappUser' }).length, 'the tree shows the VMs it may view');
    const hidden = every.find((vm) => !shown.has(vm.href));
    assert.ok(hidden, 'the org has VMs the vApp User does not see');
    const { script } = await withScript(
      [{ kind: 'message', match: /refused access to \/api\/vApp\/vm-.*you lack the rights for it/ }],
      () => vscode.commands.executeCommand(Commands.openApiPath, siteId, new URL(hidden.href).pathname),
    );
    assert.ok(!script.seen.some((s) => s.text.includes(sim.vappUser.apiToken)));
  });

  it('keeps its token out of the log, tooltips and settings', async () => {
    const { api } = await fixture();
    const texts = [api.logLines().join('\n'), JSON.stringify(vscode.workspace.getConfiguration('vcd'))];
    const org = (await children(await site()))[0];
    texts.push(tooltipText(await site()), tooltipText(org));
    for (const vdc of await children(org)) texts.push(tooltipText(vdc), String(item(vdc).description ?? ''));
    for (const text of texts) assert.ok(!text.includes(sim.vappUser.apiToken));
  });
});
