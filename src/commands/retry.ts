// Retry (error nodes): reload the level that failed.
import { ErrorNode } from '../tree/errorNode';
import type { CommandContext } from './context';

export async function retry(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  await ctx.tree.refresh(arg instanceof ErrorNode ? arg.parent : undefined);
  return undefined;
}
