// Nodes of the Tasks view: one per site, and below it the site's recent tasks — those started from this window and
// the server's (query service `task`, or `adminTask` on a System site), newest first. Clicking a task opens its raw
// document; a running one can be cancelled.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { Site } from '../platform/settings';
import type { TaskRecord } from '../vcd';
import { contextValue } from './contextValue';
import { errorNodeFor } from './listing';
import { MessageNode } from './messageNode';
import { type ResourceNode, type TreeContext, type TreeNode, resourceNodeId } from './node';
import { escapeMarkdown, operationWords, shortTime, taskIcon, taskStatusWords, taskTooltip } from './present';
import { fromTracked, mergeTasks, type TaskFactsOf } from './taskList';

/** Tasks asked of the server per site (one page, newest first). */
export const RECENT_TASKS = 25;

export class TaskSiteNode implements TreeNode {
  readonly id: string;
  readonly parent = undefined;

  constructor(private readonly ctx: TreeContext, readonly site: Site) {
    this.id = `tasks:${site.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.site.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const host = new URL(this.site.baseUrl).host;
    item.description = this.site.isSystem ? `${host} · System` : `${host} · ${this.site.org}`;
    item.iconPath = new vscode.ThemeIcon(this.site.isSystem ? 'server-environment' : 'cloud');
    item.contextValue = contextValue('taskSite');
    item.tooltip = new vscode.MarkdownString(
      `### ${escapeMarkdown(this.site.name)}\n\nThe ${RECENT_TASKS} most recent tasks of ${this.site.isSystem ? 'every organization (System)' : `organization ${escapeMarkdown(this.site.org)}`} that you may see, and the tasks started from this window.`,
    );
    return item;
  }

  async getChildren(signal?: AbortSignal): Promise<TreeNode[]> {
    const here = this.ctx.tasks.forSite(this.site.id);
    if ((await this.ctx.tokens.getApiToken(this.site.id)) === undefined) {
      return [new MessageNode(this, 'No API token: set one on this site in the Sites view')];
    }
    let server: TaskRecord[];
    try {
      server = await this.ctx.withViewProgress(() =>
        this.ctx.clients.client(this.site).recentTasks({ admin: this.site.isSystem, limit: RECENT_TASKS }, signal),
      );
    } catch (err) {
      if (signal?.aborted) throw err;
      const error = errorNodeFor(this.ctx, this, this.site, 'Could not load the recent tasks', err);
      return [...here.map((t) => new TaskNode(this.ctx, this, this.site, fromTracked(t))), error];
    }
    const tasks = mergeTasks(server, here);
    if (tasks.length === 0) return [new MessageNode(this, 'No recent tasks')];
    return tasks.map((t) => new TaskNode(this.ctx, this, this.site, t));
  }
}

export class TaskNode implements ResourceNode {
  readonly id: string;
  readonly href: string;
  /** The name of its raw document's tab. */
  readonly name: string;

  constructor(
    private readonly ctx: Pick<TreeContext, 'tasks'>,
    readonly parent: TaskSiteNode,
    readonly site: Site,
    private readonly facts: TaskFactsOf,
  ) {
    this.href = facts.href;
    this.id = resourceNodeId(site, facts.href);
    this.name = `${operationWords(facts.operationName, facts.operationFull)} ${facts.targetName ?? 'task'}`;
  }

  /** The task as last known: a task started here as this window last read it. */
  current(): TaskFactsOf {
    const tracked = this.ctx.tasks.byHref(this.href);
    if (tracked === undefined) return this.facts;
    return { ...this.facts, status: tracked.task.status, progress: tracked.task.progress, end: tracked.task.endTime ?? this.facts.end, message: tracked.task.error?.message ?? this.facts.message };
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.current();
    const operation = operationWords(t.operationName, t.operationFull);
    const item = new vscode.TreeItem(t.targetName ?? operation, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [operation, taskStatusWords(t.status, t.progress), shortTime(t.start)].filter(Boolean).join(' · ');
    const icon = taskIcon(t.status);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = contextValue('task', t.status);
    item.tooltip = new vscode.MarkdownString(
      taskTooltip({
        operation, status: t.status, progress: t.progress, target: t.targetName, targetType: t.targetType, user: t.user, org: t.org,
        start: t.start, end: t.end, message: t.message, startedHere: this.ctx.tasks.byHref(this.href) !== undefined,
      }),
    );
    item.command = { command: Commands.openResponse, title: 'Open API Response', arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
