// Copy as curl: the GET of a vApp or VM for POSIX shells (see copyRequest.ts).
import type { CommandContext } from './support/context';
import { copyRequest } from './support/copyRequest';

export function copyAsCurl(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  return copyRequest(ctx, args, 'curl');
}
