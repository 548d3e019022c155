// What the Sites and Tasks views share: their options, the tree context their nodes get, and a refresh queue through
// which every change is announced (a node is never refreshed while its children are being listed), with the node
// objects VS Code was last given, per id (it refreshes by object).
import * as vscode from 'vscode';
import type { TokenService } from '../auth';
import type { Log } from '../platform/log';
import type { Settings } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { TreeContext, TreeNode } from './node';
import { RefreshQueue } from './refreshQueue';
import type { TaskTracker } from './taskTracker';

export interface TreeProviderOptions {
  clients: SiteClients;
  tokens: TokenService;
  log: Log;
  settings: () => Settings;
  /** Tasks started from this window: the views show them and list again when they end. */
  tasks: TaskTracker;
}

export abstract class QueuedTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  protected readonly ctx: TreeContext;
  /** Every refresh goes through it. One event per node: VS Code's listeners take a node (or the whole tree) at a time. */
  protected readonly queue = new RefreshQueue<TreeNode>({
    fire: (nodes) => (nodes ? nodes.forEach((n) => this.emitter.fire(n)) : this.emitter.fire(undefined)),
  });
  /**
   * The node object VS Code last asked the tree item of, per id: the one it knows. One entry per node ever shown, like
   * VS Code's own registry: it replaces each as it shows new nodes, and redrawing an object it no longer knows is ignored.
   */
  protected readonly shown = new Map<string, TreeNode>();
  protected readonly subscriptions: { dispose(): void }[] = [];

  constructor(viewId: string, protected readonly options: TreeProviderOptions, childLimit?: (nodeId: string) => number | undefined) {
    this.ctx = {
      clients: options.clients,
      tokens: options.tokens,
      log: options.log,
      tasks: options.tasks,
      settings: options.settings,
      withViewProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId } }, task)),
      childLimit: (nodeId) => childLimit?.(nodeId) ?? options.settings().maxChildren,
    };
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.queue.treeItemRequested(node);
    this.shown.set(node.id, node);
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  abstract getChildren(node?: TreeNode): Promise<TreeNode[]>;

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.queue.dispose();
    this.emitter.dispose();
  }
}
