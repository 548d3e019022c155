// Copy as PowerShell: the GET of a vApp or VM with Invoke-RestMethod (see copyRequest.ts).
import type { CommandContext } from './support/context';
import { copyRequest } from './support/copyRequest';

export function copyAsPowerShell(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  return copyRequest(ctx, args, 'powerShell');
}
