// What every tree node is, and what nodes get from the provider (constructor injection, no globals).
import type * as vscode from 'vscode';
import type { TokenService } from '../auth';
import type { Log } from '../platform/log';
import type { Settings, Site } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { TaskTracker } from './taskTracker';

export interface TreeNode {
  /** Stable across refreshes: from the site id and the VCD href. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  getTreeItem(): vscode.TreeItem;
  /** Lists the children; `signal` aborts the listing when a refresh made it stale. */
  getChildren(signal?: AbortSignal): Promise<TreeNode[]>;
}

/** A node that stands for one API resource (has a raw response). */
export interface ResourceNode extends TreeNode {
  readonly site: Site;
  readonly href: string;
  readonly name: string;
}

/** The tree id of a resource: its site and its VCD href, so expansion survives refresh and `reveal` finds it. */
export function resourceNodeId(site: Site, href: string): string {
  return `${site.id}|${href}`;
}

export function isResourceNode(node: unknown): node is ResourceNode {
  return typeof node === 'object' && node !== null && 'href' in node && 'site' in node && typeof (node as ResourceNode).href === 'string';
}

export interface TreeContext {
  readonly clients: SiteClients;
  readonly tokens: TokenService;
  readonly log: Log;
  /** Tasks started from this window: a VM or vApp shows its running operation. */
  readonly tasks: TaskTracker;
  settings(): Settings;
  /** Runs a load with the view's progress indicator. */
  withViewProgress<T>(task: () => Promise<T>): Promise<T>;
  /** How many children a listing node may show (grows with "Load more…"). */
  childLimit(nodeId: string): number;
}
