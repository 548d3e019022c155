// Refreshes of the Sites view inside the extension host, on a simulator of its own that answers slowly: a
// node is never announced as changed while a listing below it runs, and a token state found out by a site's
// own listing redraws the whole view instead of that site (issue 7: VS Code then failed with "Element with
// id … is already registered"). The UI suite (test/ui/refresh.test.ts) shows what a person sees.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { until } from '../../support/until';
import { children, fixture, label, siteNode as nodeOfSite } from './fixture';

/** The events the tree sent (undefined: the whole view), in order, with what the test marked in between. */
function recordEvents(tree: { onDidChangeTreeData: vscode.Event<TreeNode | undefined> }) {
  const seen: (TreeNode | string)[] = [];
  const sub = tree.onDidChangeTreeData((node) => seen.push(node ?? 'whole view'));
  return {
    seen,
    mark: (what: string): void => void seen.push(what),
    dispose: (): void => {
      sub.dispose();
    },
  };
}

describe('Refreshing the Sites view while listings run', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 5 });
    siteId = await sites.add(sim, { name: 'slow', user: 'tenant', trust: 'fingerprint' });
  });
  after(async () => {
    await sim?.close();
  });
  afterEach(() => sim.setLatency(0));

  const siteNode = (): Promise<TreeNode> => nodeOfSite(siteId);
  const queries = (): number => sim.counters.byRoute['GET /api/query'] ?? 0;

  it("redraws the whole view, not the site, when the site's own listing finds out its token state", async () => {
    const { api } = await fixture();
    const site = await siteNode();
    sim.setLatency(300);
    // The token state each announcement was made in.
    const redrawnWhen: string[] = [];
    const sub = api.tree.onDidChangeTreeData((node) => redrawnWhen.push(`${node === undefined ? 'whole view' : node === site ? 'site' : node.id} (${api.tokens.state(siteId)})`));
    try {
      api.tokens.forget(siteId);
      assert.equal(api.tokens.state(siteId), 'unknown');
      const orgs = await children(site);
      assert.deepEqual(orgs.map(label), [sim.tenant.org], 'the listing shows the organization');
      assert.equal(api.tokens.state(siteId), 'ok', 'the listing exchanged the token');
      await until(() => redrawnWhen.includes('whole view (ok)'), 'the view is redrawn with the new state');
      assert.ok(!redrawnWhen.some((e) => e.startsWith('site')), `the site itself is never announced: ${redrawnWhen.join(', ')}`);
    } finally {
      sub.dispose();
    }
  });

  it('holds a Refresh of the site back while a VDC below it lists its vApps, aborts that listing, then announces the site once', async () => {
    const { api } = await fixture();
    const site = await siteNode();
    const org = (await children(site))[0];
    const vdc = (await children(org))[0];
    assert.match(vdc.getTreeItem().contextValue ?? '', /^vcd\.vdc\b/);
    sim.setLatency(1_000);
    const before = queries();
    const events = recordEvents(api.tree);
    try {
      const listing = children(vdc).then((kids) => {
        events.mark('vdc listing ended');
        return kids;
      });
      await until(() => queries() > before, 'the VDC asked for its vApps');
      await vscode.commands.executeCommand(Commands.refresh, site, undefined);
      assert.deepEqual(await listing, [], 'the stale listing shows nothing (no error node either)');
      assert.deepEqual(events.seen, ['vdc listing ended', site], 'the site is announced once, after the listing ended');
      // What was logged from this Refresh on (the abort comes after it; earlier suites may have logged failures).
      const log = api.logLines();
      const from = log.map((line) => /Command vcd\.refresh\b/.test(line)).lastIndexOf(true);
      assert.ok(from >= 0, 'the Refresh is logged');
      const lines = log.slice(from);
      assert.ok(!lines.some((line) => /Could not load vApps/.test(line)), `an aborted listing is no error: ${lines.join(' | ')}`);
    } finally {
      events.dispose();
    }
    sim.setLatency(0);
    assert.ok((await children(vdc)).length > 0, 'listing the VDC again shows its vApps');
  });

  it('answers a Refresh of a node that is being listed with that listing', async () => {
    const { api } = await fixture();
    const site = await siteNode();
    const org = (await children(site))[0];
    sim.setLatency(1_000);
    const before = queries();
    const events = recordEvents(api.tree);
    try {
      const listing = children(org);
      await until(() => queries() > before, 'the organization asked for its VDCs');
      await vscode.commands.executeCommand(Commands.refresh, org, undefined);
      assert.deepEqual(events.seen, [], 'nothing announced: VS Code would drop the answer it is waiting for');
      assert.ok((await listing).length > 0, 'the listing shows the VDCs');
    } finally {
      events.dispose();
    }
  });
});
