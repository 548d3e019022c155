// Load more… (last node of a long level): list the next `vcd.maxChildren` children.
import { LoadMoreNode } from '../tree/loadMoreNode';
import type { CommandContext } from './support/context';

export async function loadMore(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  if (arg instanceof LoadMoreNode) await ctx.tree.loadMore(arg.parent);
  return undefined;
}
