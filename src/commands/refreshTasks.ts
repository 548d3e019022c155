// Refresh of the Tasks view: its title's button lists every site's tasks again, a site node's own button that site's.
// VS Code passes the title's command at most the focused node, a node's action the node and the selection.
import { isTreeNode } from './support/refreshTarget';
import type { CommandContext } from './support/context';

export async function refreshTasks(ctx: CommandContext, ...args: unknown[]): Promise<unknown> {
  await ctx.tasksView.refresh(args.length >= 2 && isTreeNode(args[0]) ? args[0] : undefined);
  return undefined;
}
