// The one registry: every command is wrapped to log (redacted), report its error once (without waiting for the
// person to close the message), treat cancellation as no error, and forward all arguments.
import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import type { CommandContext, CommandHandler } from './support/context';
import { siteOfArg } from './support/pickSite';
import { isCancelled } from '../platform/errorText';
import { reportError } from './support/notify';

function describeArg(arg: unknown): string {
  if (arg === undefined) return '';
  if (arg instanceof vscode.Uri) return arg.scheme;
  if (typeof arg === 'object' && arg !== null && 'id' in arg && typeof arg.id === 'string') return 'node';
  return typeof arg;
}

export function registerCommands(ctx: CommandContext, handlers: Record<CommandId, CommandHandler>): vscode.Disposable[] {
  return (Object.entries(handlers) as [CommandId, CommandHandler][]).map(([id, handler]) => {
    const run = async (...args: unknown[]): Promise<unknown> => {
      ctx.log.info(`Command ${id}${args.length ? ` (${args.map(describeArg).filter(Boolean).join(', ')})` : ''}`);
      try {
        return await handler(ctx, ...args);
      } catch (err) {
        if (isCancelled(err)) {
          ctx.log.debug(`Command ${id} cancelled`);
          return undefined;
        }
        reportError(ctx, id, err, args.map((a) => siteOfArg(ctx, a)).find((s) => s !== undefined), () => run(...args));
        return undefined;
      }
    };
    return vscode.commands.registerCommand(id, run);
  });
}
