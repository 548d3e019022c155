// The outcome of a command as a toast with the actions that follow from it (and Show Log). The command does
// not wait for the person to close the toast: a notification with actions stays pending until it is closed.
import type { MessageSeverity } from '../platform/userInput';
import type { CommandContext } from './context';
import { messageOf } from './errors';

export const ShowLog = 'Show Log';

export function reportOutcome(
  ctx: CommandContext,
  severity: MessageSeverity,
  message: string,
  actions: Record<string, () => unknown> = {},
): void {
  const all: Record<string, () => unknown> = { ...actions, [ShowLog]: () => ctx.log.show() };
  void ctx.ui.message({ severity, message, actions: Object.keys(all) }).then(
    (chosen) => (chosen !== undefined ? all[chosen]?.() : undefined),
  ).then(undefined, (err: unknown) => ctx.log.error(`Action after "${message}" failed: ${messageOf(err)}`));
}
