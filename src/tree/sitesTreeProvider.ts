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
import { VmNode } from './vmNode';

export interface SitesTreeProviderOptions {
  clients: SiteClients;
  tokens: TokenService;
  log: Log;
  settings: () => Settings;
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

  constructor(private readonly options: SitesTreeProviderOptions) {
    this.ctx = {
      clients: options.clients,
      tokens: options.tokens,
      log: options.log,
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
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.queue.treeItemRequested(node);
    if (node instanceof SiteNode) this.shownState.set(node.site.id, node.state());
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.queue.load(node, (signal) => node.getChildren(signal));
    return this.queue.load(undefined, async (signal) => {
      const roots = await this.siteRoots();
      if (!signal.aborted) this.siteNodes = new Map(roots.map((n) => [n.site.id, n]));
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
