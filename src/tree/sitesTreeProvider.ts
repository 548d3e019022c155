// The Sites view: sites at the root, then Organization → VDC → vApp → VM, loaded lazily with progress.
import * as vscode from 'vscode';
import type { TokenService } from '../auth';
import { SitesViewId } from '../ids';
import type { Log } from '../platform/log';
import type { Settings } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { TreeContext, TreeNode } from './node';
import { RefreshQueue } from './refreshQueue';
import { SiteNode } from './siteNode';
import type { TaskTracker, TrackerEvent } from './taskTracker';
import { VAppNode } from './vappNode';
import { VmNode } from './vmNode';

export interface SitesTreeProviderOptions {
  clients: SiteClients;
  tokens: TokenService;
  log: Log;
  settings: () => Settings;
  /** Tasks started from this window: their nodes show them, and are listed again when they end. */
  tasks: TaskTracker;
}

export class SitesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly ctx: TreeContext;
  /** Every refresh goes through it: a node is never refreshed while its children are being listed. */
  private readonly queue: RefreshQueue<TreeNode>;
  /** The site nodes of the last top-level listing: the objects VS Code knows (it refreshes by object). */
  private siteNodes = new Map<string, SiteNode>();
  /** contextValue last shown per site, to redraw a site only when its token state really changed. */
  private readonly shownState = new Map<string, string>();
  private readonly limits = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The node object VS Code last asked the tree item of, per id: the one it knows (it refreshes by object). One
   * entry per node ever shown, like VS Code's own registry. */
  private readonly shown = new Map<string, TreeNode>();

  constructor(private readonly options: SitesTreeProviderOptions) {
    this.ctx = {
      clients: options.clients,
      tokens: options.tokens,
      log: options.log,
      tasks: options.tasks,
      settings: options.settings,
      withViewProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: SitesViewId } }, task)),
      childLimit: (nodeId) => this.limits.get(nodeId) ?? options.settings().maxChildren,
    };
    this.queue = new RefreshQueue<TreeNode>({
      // One event per node: VS Code's listeners take a node (or the whole tree) at a time.
      fire: (nodes) => (nodes ? nodes.forEach((n) => this.emitter.fire(n)) : this.emitter.fire(undefined)),
    });
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

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.queue.treeItemRequested(node);
    this.shown.set(node.id, node);
    if (node instanceof SiteNode) this.shownState.set(node.site.id, node.state());
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.queue.load(node, (signal) => node.getChildren(signal));
    return this.queue.load(undefined, async (signal) => {
      const roots = await this.siteRoots();
      if (!signal.aborted) this.siteNodes = new Map(roots.map((n) => [n.site.id, n]));
      // `shown` keeps its entries: VS Code replaces each as it shows the new nodes, and redrawing an object it
      // no longer knows is ignored (clearing it would lose a task's end that comes before VS Code asks again).
      return roots;
    });
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
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

  dispose(): void {
    this.queue.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
