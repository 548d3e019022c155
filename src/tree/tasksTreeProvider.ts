// The Tasks view: each site with its recent VCD tasks. Lists again when a task started here begins or ends, redraws
// a task while it runs; every refresh goes through a refresh queue, like the Sites view's.
import * as vscode from 'vscode';
import type { TokenService } from '../auth';
import { TasksViewId } from '../ids';
import type { Log } from '../platform/log';
import type { Settings } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { TreeContext, TreeNode } from './node';
import { RefreshQueue } from './refreshQueue';
import { TaskSiteNode } from './taskNodes';
import type { TaskTracker, TrackerEvent } from './taskTracker';
import { resourceNodeId } from './node';

export interface TasksTreeProviderOptions {
  clients: SiteClients;
  tokens: TokenService;
  log: Log;
  settings: () => Settings;
  tasks: TaskTracker;
}

export class TasksTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly ctx: TreeContext;
  private readonly queue: RefreshQueue<TreeNode>;
  private siteNodes = new Map<string, TaskSiteNode>();
  /** The node object VS Code last asked the tree item of, per id (it refreshes by object). */
  private readonly shown = new Map<string, TreeNode>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly options: TasksTreeProviderOptions) {
    this.ctx = {
      clients: options.clients,
      tokens: options.tokens,
      log: options.log,
      tasks: options.tasks,
      settings: options.settings,
      withViewProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: TasksViewId } }, task)),
      childLimit: () => options.settings().maxChildren,
    };
    this.queue = new RefreshQueue<TreeNode>({
      fire: (nodes) => (nodes ? nodes.forEach((n) => this.emitter.fire(n)) : this.emitter.fire(undefined)),
    });
    this.subscription = options.tasks.onDidChange((event) => this.taskChanged(event));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.queue.treeItemRequested(node);
    this.shown.set(node.id, node);
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.queue.load(node, (signal) => node.getChildren(signal));
    return this.queue.load(undefined, (signal) => {
      const roots = this.options.settings().sites.map((site) => new TaskSiteNode(this.ctx, site));
      if (!signal.aborted) this.siteNodes = new Map(roots.map((n) => [n.site.id, n]));
      return Promise.resolve(roots);
    });
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Lists a site's tasks again (a site node or a task below it), or the whole view. */
  refresh(node?: TreeNode): Promise<void> {
    let target = node;
    while (target && !(target instanceof TaskSiteNode)) target = target.parent;
    return this.queue.request(target ? ((this.shown.get(target.id)) ?? target) : undefined);
  }

  /** The site node of a site, as VS Code shows it. */
  siteNode(siteId: string): TaskSiteNode | undefined {
    return this.siteNodes.get(siteId);
  }

  private taskChanged(event: TrackerEvent): void {
    const site = this.siteNodes.get(event.tracked.siteId);
    if (site === undefined) return;
    const shownSite = (this.shown.get(site.id) as TaskSiteNode | undefined) ?? site;
    if (event.kind !== 'updated') {
      void this.queue.request(shownSite);
      return;
    }
    const node = this.shown.get(resourceNodeId(site.site, event.tracked.task.href));
    void this.queue.request(node ?? shownSite);
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.dispose();
    this.emitter.dispose();
  }
}
