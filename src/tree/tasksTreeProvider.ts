// The Tasks view: each site with its recent VCD tasks. Lists again when a task started here begins or ends, redraws
// a task while it runs; every refresh goes through a refresh queue, like the Sites view's.
import { TasksViewId } from '../ids';
import type { TreeNode } from './node';
import { resourceNodeId } from './node';
import { QueuedTreeProvider, type TreeProviderOptions } from './queuedTreeProvider';
import { TaskSiteNode } from './taskNodes';
import type { TrackerEvent } from './taskTracker';

export class TasksTreeProvider extends QueuedTreeProvider {
  private siteNodes = new Map<string, TaskSiteNode>();

  constructor(options: TreeProviderOptions) {
    super(TasksViewId, options);
    this.subscriptions.push(options.tasks.onDidChange((event) => this.taskChanged(event)));
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.queue.load(node, (signal) => node.getChildren(signal));
    return this.queue.load(undefined, (signal) => {
      const roots = this.options.settings().sites.map((site) => new TaskSiteNode(this.ctx, site));
      if (!signal.aborted) this.siteNodes = new Map(roots.map((n) => [n.site.id, n]));
      return Promise.resolve(roots);
    });
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
}
