// Retry (error nodes): reload the level that failed.
import { ErrorNode } from '../tree/errorNode';
import type { CommandContext } from './context';

export function retry(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  ctx.tree.refresh(arg instanceof ErrorNode ? arg.parent : undefined);
  return Promise.resolve(undefined);
}
