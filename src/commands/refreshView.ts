// Refresh of the Sites view's title: reloads the whole view, whichever node is focused or selected.
import type { CommandContext } from './support/context';

export async function refreshView(ctx: CommandContext): Promise<unknown> {
  await ctx.tree.refresh();
  return undefined;
}
