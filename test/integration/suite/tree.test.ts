// The Sites view inside a real extension host, on a simulator of its own with a tenant and a System site: what each
// level shows (organizations, VMs with their state in words, icons and tooltips), stable ids, an error node with
// Retry, and which nodes Refresh reloads from the view title, the palette and a node's own actions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator, type SimVmInfo } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { children, descendants, fixture, isVm, item, label, siteNode, tooltipText } from './fixture';

const STATE_WORDS = new Set(['Powered on', 'Powered off', 'Suspended', 'Partially powered off', 'Partially suspended', 'Powered off (not deployed)', 'Deployed', 'Mixed states', 'Unknown state', 'Failed creation', 'Inconsistent state', 'Waiting for input', 'Unresolved']);

describe('the Sites view', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let tenant: string;
  let system: string;
  /** A VM of the tenant's organization, powered on before the suite. */
  let running: SimVmInfo;
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ size: 'demo' });
    running = sim.inventory.setPowerState(sim.inventory.vms({ orgName: sim.tenant.org })[0].href, 'POWERED_ON', { tools: true });
    tenant = await sites.add(sim, { name: 'Tree tenant', user: 'tenant' });
    system = await sites.add(sim, { name: 'Tree provider', user: 'provider' });
  });
  after(async () => {
    await sim?.close();
  });

  describe('Sites tree', () => {
    it('shows a tenant site with its one organization, and VMs with states in words', async () => {
      const site = await siteNode(tenant);
      const orgs = await children(site);
      assert.deepEqual(orgs.map(label), [sim.tenant.org]);
      assert.match(item(orgs[0]).contextValue ?? '', /^vcd\.org\b/);
      const vms = (await descendants(orgs[0], 3)).filter(isVm);
      const names = vms.map(label).sort();
      assert.deepEqual(names, [...sim.inventory.vmNames({ orgName: sim.tenant.org })].sort(), 'every VM of the org, no template VMs');
      for (const vm of vms) {
        const it = item(vm);
        assert.ok(STATE_WORDS.has(String(it.description).replace(/ · Busy$/, '')), `state in words: ${String(it.description)}`);
        assert.ok(it.iconPath instanceof vscode.ThemeIcon);
        assert.equal(it.command?.command, Commands.openResponse);
        assert.match(tooltipText(vm), /\*\*Guest OS:\*\*[\s\S]*\*\*CPUs:\*\*[\s\S]*\*\*vApp:\*\*[\s\S]*\*\*VDC:\*\*[\s\S]*\*\*Organization:\*\*/);
      }
      const on = vms.find((n) => n.id.endsWith(`|${running.href}`));
      assert.ok(on, `the powered-on VM ${running.name} is listed`);
      assert.equal(item(on).description, 'Powered on');
      assert.equal((item(on).iconPath as vscode.ThemeIcon).id, 'vm-running');
    });

    it('shows every organization on a System site, sorted by name, with VDC counts matching the server', async () => {
      const orgs = await children(await siteNode(system));
      assert.equal(orgs.length, sim.inventory.count('organization'));
      assert.deepEqual(orgs.map(label).sort(), [...sim.inventory.orgNames()].sort());
      const tenantOrg = orgs.find((o) => label(o) === sim.tenant.org)!;
      const vdcs = await children(tenantOrg);
      assert.equal(vdcs.length, sim.inventory.count('adminOrgVdc', { orgName: sim.tenant.org }));
      const vms = (await descendants(tenantOrg, 3)).filter(isVm);
      assert.deepEqual(vms.map(label).sort(), [...sim.inventory.vmNames({ orgName: sim.tenant.org })].sort(), 'every VM, no template VMs');
      assert.ok(new Set(vms.map((v) => v.id)).size === vms.length, 'ids are unique');
    });

    it('keeps node ids stable across a refresh', async () => {
      const first = (await children(await siteNode(tenant))).map((n) => n.id);
      await vscode.commands.executeCommand(Commands.refresh);
      const second = (await children(await siteNode(tenant))).map((n) => n.id);
      assert.deepEqual(second, first);
    });

    it('turns a failed load into an error node with Retry', async () => {
      // A tenant site finds its organization in the session's org list (GET /api/org), the System site by query.
      const remove = sim.inject({ kind: 'status', status: 503, path: /^\/api\/(query|org)\b/, times: 1000 });
      const site = await siteNode(tenant);
      const kids = await children(site);
      remove();
      assert.equal(kids.length, 1);
      const err = item(kids[0]);
      assert.equal(err.contextValue, 'vcd.error');
      assert.match(label(kids[0]), /^Could not load the organization: .* had an internal error \(HTTP 503/);
      assert.equal(err.command?.command, Commands.retry);
      await vscode.commands.executeCommand(Commands.retry, kids[0]);
      assert.deepEqual((await children(site)).map(label), [sim.tenant.org]);
    });
  });

  describe('Refresh', () => {
    /** The nodes (undefined: the whole view) the tree announced as changed while the command ran. */
    async function changedBy(args: unknown[], command: string = Commands.refresh): Promise<(TreeNode | undefined)[]> {
      const { api } = await fixture();
      const fired: (TreeNode | undefined)[] = [];
      const sub = api.tree.onDidChangeTreeData((node) => fired.push(node ?? undefined));
      try {
        await vscode.commands.executeCommand(command, ...args);
      } finally {
        sub.dispose();
      }
      return fired;
    }

    it('reloads the whole view from the view title although a node is focused, and only the node from its own actions', async () => {
      const org = (await children(await siteNode(tenant)))[0];
      const vm = (await descendants(org, 3)).find(isVm)!;
      // The view title (its own command) passes the focused node; a node's inline action or menu passes it with the
      // selection (undefined unless several nodes are selected); the palette passes nothing.
      const wholeView = (fired: (TreeNode | undefined)[]) => fired.includes(undefined);
      assert.ok(wholeView(await changedBy([vm, undefined], Commands.refreshView)), 'view title: the whole view');
      assert.ok(wholeView(await changedBy([])), 'palette: the whole view');
      for (const args of [[org, undefined], [org, [org]]]) {
        const fired = await changedBy(args);
        assert.ok(fired.includes(org) && !wholeView(fired), 'inline action or context menu: that node only');
      }
      // A VM's state comes from its vApp's listing: its own Refresh reloads that listing.
      const fired = await changedBy([vm, undefined]);
      assert.ok(fired.includes(vm.parent) && !wholeView(fired), "a VM's Refresh reloads its vApp");
    });
  });
});
