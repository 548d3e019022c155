// Long levels of the Sites view inside a real extension host, each on a simulator of its own with one big vApp:
// vcd.maxChildren VMs, then Load more…, in server order; and a list that changes on the server while it loads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { children, descendants, fixture, item, label, setSetting, siteNode } from './fixture';

describe('long lists in the Sites view', function () {
  this.timeout(120_000);
  const sites = useSites(fixture);
  const sims: Simulator[] = [];

  after(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  /** A simulator with one vApp of `vms` VMs, and a tenant site for it. */
  async function bigVApp(vms: number, seed: number, name: string, trust: 'certificate' | 'fingerprint'): Promise<{ big: Simulator; siteId: string }> {
    const big = await startSimulator({ size: { orgs: 1, vdcsPerOrg: 1, vappsPerVdc: 1, vmsPerVapp: vms }, seed });
    sims.push(big);
    return { big, siteId: await sites.add(big, { name, user: 'tenant', trust }) };
  }

  describe('Load more…', () => {
    after(async () => {
      await setSetting('maxChildren', undefined, 2000);
    });

    it('lists vcd.maxChildren VMs of a big vApp, then the next ones on each Load more…, in server order', async () => {
      const { big, siteId } = await bigVApp(230, 3, 'big', 'certificate');
      await setSetting('maxChildren', 100, 100);
      const vapp = (await descendants(await siteNode(siteId), 3))[0];
      assert.match(item(vapp).contextValue ?? '', /^vcd\.vapp\b/);
      const expected = big.inventory.vmNames();
      assert.equal(expected.length, 230);
      const loadMore = async (shown: number): Promise<TreeNode[]> => {
        const kids = await children(vapp);
        assert.equal(kids.length, shown + 1, `${shown} VMs and Load more…`);
        assert.deepEqual(kids.slice(0, shown).map(label), expected.slice(0, shown), 'the first VMs in server order');
        const more = kids[shown];
        assert.equal(label(more), 'Load more…');
        assert.equal(item(more).description, `${shown} of 230 shown`);
        assert.equal(item(more).command?.command, Commands.loadMore);
        await vscode.commands.executeCommand(Commands.loadMore, ...((item(more).command?.arguments ?? []) as unknown[]));
        return kids;
      };
      await loadMore(100);
      await loadMore(200);
      assert.deepEqual((await children(vapp)).map(label), expected, 'all 230 VMs, no Load more…');
      await vscode.commands.executeCommand(Commands.refresh, vapp, undefined);
      assert.equal((await children(vapp)).length, 101, 'a refresh starts again at vcd.maxChildren');
    });
  });

  describe('a list that changes while it loads', () => {
    it('ends the level with a warning that Refresh shows the current state, and its Refresh does', async () => {
      const { api } = await fixture();
      const { big, siteId } = await bigVApp(300, 4, 'changing', 'fingerprint');
      const vapp = (await descendants(await siteNode(siteId), 3))[0];
      const expected = big.inventory.vmNames();
      // Every reading of the VMs finds another total on its second page, as when another client creates VMs meanwhile.
      const stop = big.inject({ kind: 'pageEnvelope', total: 301, path: /^\/api\/query\?type=vm&format=records&page=2&/ });
      const kids = await children(vapp);
      const warning = kids[kids.length - 1];
      assert.equal(label(warning), 'The list of VMs changed while loading');
      assert.equal(item(warning).description, 'Refresh shows the current state');
      assert.match(item(warning).contextValue ?? '', /^vcd\.message\+listChanged$/);
      assert.deepEqual(kids.slice(0, -1).map(label), expected, 'the VMs read, in server order, each once');
      assert.ok(api.logLines().some((l) => /changing: the VMs changed on the server while they loaded/.test(l)));
      stop();
      await vscode.commands.executeCommand(item(warning).command!.command, ...((item(warning).command?.arguments ?? []) as unknown[]));
      assert.deepEqual((await children(vapp)).map(label), expected, 'after Refresh: the current list, no warning');
    });
  });
});
