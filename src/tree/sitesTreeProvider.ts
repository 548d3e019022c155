// The Sites view: sites at the root, then Organization → VDC → vApp → VM, loaded lazily with progress.
import * as vscode from 'vscode';
import type { TokenService } from '../auth';
import { SitesViewId } from '../ids';
import type { Log } from '../platform/log';
import type { Settings } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { TreeContext, TreeNode } from './node';
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
    this.subscriptions.push(
      options.tokens.onDidChangeState((siteId) => {
        const node = this.siteNodes.get(siteId);
        if (node && this.shownState.get(siteId) !== node.state()) this.emitter.fire(node);
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof SiteNode) this.shownState.set(node.site.id, node.state());
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren();
    return this.siteRoots();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The site nodes (new objects when the settings changed; token presence read from SecretStorage). */
  async siteRoots(): Promise<SiteNode[]> {
    const sites = this.options.settings().sites;
    const nodes = await Promise.all(
      sites.map(async (site) => new SiteNode(this.ctx, site, (await this.options.tokens.getApiToken(site.id)) !== undefined)),
    );
    this.siteNodes = new Map(nodes.map((n) => [n.site.id, n]));
    return nodes;
  }

  async siteNode(siteId: string): Promise<SiteNode | undefined> {
    return this.siteNodes.get(siteId) ?? (await this.siteRoots()).find((n) => n.site.id === siteId);
  }

  /** Reload a node's children (or the whole view). A VM's state comes from its vApp's listing: refreshing a
   * VM reloads that listing. */
  refresh(node?: TreeNode): void {
    const target = node instanceof VmNode ? node.parent : node;
    if (target) this.dropLimits(target.id);
    else this.limits.clear();
    this.emitter.fire(target);
  }

  /** Show `vcd.maxChildren` more children of this node. */
  loadMore(node: TreeNode): void {
    this.limits.set(node.id, this.ctx.childLimit(node.id) + this.options.settings().maxChildren);
    this.emitter.fire(node);
  }

  private dropLimits(prefix: string): void {
    for (const id of [...this.limits.keys()]) if (id === prefix || id.startsWith(`${prefix}|`)) this.limits.delete(id);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
