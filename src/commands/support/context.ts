// What every command gets: the objects built in the composition root (constructor injection).
import type * as vscode from 'vscode';
import type { TokenService } from '../../auth';
import type { ApiDocumentProvider } from '../../documents/apiDocumentProvider';
import type { Configuration } from '../../platform/configuration';
import type { Log } from '../../platform/log';
import type { SiteClients } from '../../platform/siteClients';
import type { UserInput } from '../../platform/userInput';
import type { PowerOperations } from '../../operations/power';
import type { TreeNode } from '../../tree/node';
import type { SitesTreeProvider } from '../../tree/sitesTreeProvider';
import type { TasksTreeProvider } from '../../tree/tasksTreeProvider';
import type { TaskTracker } from '../../tree/taskTracker';
import type { TaskWaitOptions } from '../../vcd';

export interface CommandContext {
  readonly ui: UserInput;
  readonly config: Configuration;
  readonly tokens: TokenService;
  readonly clients: SiteClients;
  readonly tree: SitesTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly documents: ApiDocumentProvider;
  readonly log: Log;
  /** Power actions and their tasks. */
  readonly power: PowerOperations;
  /** Tasks started from this window. */
  readonly tasks: TaskTracker;
  /** The Tasks view. */
  readonly tasksView: TasksTreeProvider;
  /** The current time (tests may fix it). */
  now(): Date;
  /** How tasks are waited for outside the power operations (tests shorten the delays). */
  taskWaitOptions?(): Pick<TaskWaitOptions, 'initialDelayMs' | 'maxDelayMs'>;
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => Promise<unknown>;
