// Show Log: the "Cloud Director" log channel.
import type { CommandContext } from './support/context';

export function showLog(ctx: CommandContext): Promise<unknown> {
  ctx.log.show();
  return Promise.resolve(undefined);
}
