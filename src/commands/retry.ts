// Retry (error nodes): reload the level that failed.
import { ErrorNode } from '../tree/errorNode';
import { TaskSiteNode } from '../tree/taskNodes';
import type { CommandContext } from './support/context';

export async function retry(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  // An error node of the Tasks view belongs to that view.
  if (arg instanceof ErrorNode && arg.parent instanceof TaskSiteNode) await ctx.tasksView.refresh(arg.parent);
  else await ctx.tree.refresh(arg instanceof ErrorNode ? arg.parent : undefined);
  return undefined;
}
