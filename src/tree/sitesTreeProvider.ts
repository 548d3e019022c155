// The Sites view: sites at the root, then Organization → VDC → vApp → VM, loaded lazily with progress.
import type * as vscode from 'vscode';
import { SitesViewId } from '../ids';
import type { TreeNode } from './node';
import { QueuedTreeProvider, type TreeProviderOptions } from './queuedTreeProvider';
import { SiteNode } from './siteNode';
import type { TrackerEvent } from './taskTracker';
import { VAppNode } from './vappNode';
import { VmNode } from './vmNode';

export class SitesTreeProvider extends QueuedTreeProvider {
  /** The site nodes of the last top-level listing: the objects VS Code knows (it refreshes by object). */
  private siteNodes = new Map<string, SiteNode>();
  /** contextValue last shown per site, to redraw a site only when its token state really changed. */
  private readonly shownState = new Map<string, string>();
  private readonly limits = new Map<string, number>();

  constructor(options: TreeProviderOptions) {
    super(SitesViewId, options, (nodeId) => this.limits.get(nodeId));
    this.subscriptions.push(
      options.tokens.onDidChangeState((siteId) => {
        const node = this.siteNodes.get(siteId);
        // Usually while the site's own listing runs (it exchanged the token). Redrawing the site alone then
        // lists nothing (see refreshQueue.ts): redraw the whole view, which VS Code does safely at any time.
        if (node && this.shownState.get(siteId) !== node.state()) void this.queue.request(undefined);
      }),
      options.tasks.onDidChange((event) => this.taskChanged(event)),
    );
  }

  /**
   * A task started here changed. While it runs, its node is redrawn (its description shows the progress); when it
   * ends, the VDC above it is listed again, so that the VM and its vApp show their state now. Both through the queue.
   */
  private taskChanged(event: TrackerEvent): void {
    const node = this.shown.get(event.tracked.targetKey);
    if (node === undefined) return;
    if (event.kind === 'ended') void this.refreshAround(node);
    else void this.queue.request(node);
  }

  /** Lists again the level that shows a VM's or vApp's state and its vApp's (the VDC above it). */
  private refreshAround(node: TreeNode): Promise<void> {
    const vdc = node instanceof VmNode ? node.parent.parent : node instanceof VAppNode ? node.parent : node.parent;
    const target = (vdc && this.shown.get(vdc.id)) ?? vdc ?? node;
    this.dropLimits(target.id);
    return this.queue.request(target);
  }

  /**
   * The state of a VM or vApp changed (or may have: VCD refused an action the list offered): lists again the VDC above
   * its node, if VS Code shows it.
   */
  refreshResource(nodeId: string): Promise<void> {
    const node = this.shown.get(nodeId);
    return node === undefined ? Promise.resolve() : this.refreshAround(node);
  }

  override getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof SiteNode) this.shownState.set(node.site.id, node.state());
    return super.getTreeItem(node);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.queue.load(node, (signal) => node.getChildren(signal));
    return this.queue.load(undefined, async (signal) => {
      const roots = await this.siteRoots();
      // `shown` keeps its entries (clearing it would lose a task's end that comes before VS Code asks again).
      if (!signal.aborted) this.siteNodes = new Map(roots.map((n) => [n.site.id, n]));
      return roots;
    });
  }

  /** New site nodes from the settings (token presence read from SecretStorage). */
  private async siteRoots(): Promise<SiteNode[]> {
    const sites = this.options.settings().sites;
    return Promise.all(
      sites.map(async (site) => new SiteNode(this.ctx, site, (await this.options.tokens.getApiToken(site.id)) !== undefined)),
    );
  }

  /** The site's node as VS Code shows it (a new one when the view has not listed the sites yet). */
  async siteNode(siteId: string): Promise<SiteNode | undefined> {
    return this.siteNodes.get(siteId) ?? (await this.siteRoots()).find((n) => n.site.id === siteId);
  }

  /** Reload a node's children (or the whole view). A VM's state comes from its vApp's listing: refreshing a
   * VM reloads that listing. Resolves once VS Code has been told (after the node's listings in flight ended). */
  refresh(node?: TreeNode): Promise<void> {
    const target = node instanceof VmNode ? node.parent : node;
    if (target) this.dropLimits(target.id);
    else this.limits.clear();
    return this.queue.request(target);
  }

  /** Show `vcd.maxChildren` more children of this node. */
  loadMore(node: TreeNode): Promise<void> {
    this.limits.set(node.id, this.ctx.childLimit(node.id) + this.options.settings().maxChildren);
    return this.queue.request(node);
  }

  private dropLimits(prefix: string): void {
    for (const id of [...this.limits.keys()]) if (id === prefix || id.startsWith(`${prefix}|`)) this.limits.delete(id);
  }
}
