// How a command reports what happened: one message with the actions that follow from it, Show Log always last, in the
// one vocabulary of fixes (src/platform/errorText.ts). A command never waits for the person to close the message (a
// notification with actions stays pending until it is closed); a chosen action runs when it is chosen.
import * as vscode from 'vscode';
import { Commands } from '../../ids';
import { FIX_LABELS, fixesFor, messageOf, requestDetail, type Fix } from '../../platform/errorText';
import type { Site } from '../../platform/settings';
import type { MessageSeverity } from '../../platform/userInput';
import type { CommandContext } from './context';

export function reportOutcome(
  ctx: CommandContext,
  severity: MessageSeverity,
  message: string,
  actions: Record<string, () => unknown> = {},
): void {
  const all: Record<string, () => unknown> = { ...actions, [FIX_LABELS.showLog]: () => ctx.log.show() };
  void ctx.ui.message({ severity, message, actions: Object.keys(all) }).then(
    (chosen) => (chosen !== undefined ? all[chosen]?.() : undefined),
  ).then(undefined, (err: unknown) => ctx.log.error(`Action after "${message}" failed: ${messageOf(err)}`));
}

/** A command failed: say why once, with the fix that applies (for `site` when the command was about one). */
export function reportError(ctx: CommandContext, commandId: string, err: unknown, site: Site | undefined, retry: () => Promise<unknown>): void {
  const message = messageOf(err);
  const detail = requestDetail(err);
  ctx.log.error(`${commandId} failed: ${message}${detail ? ` (${detail})` : ''}`);
  const run: Record<Exclude<Fix, 'showLog'>, () => unknown> = {
    setToken: () => vscode.commands.executeCommand(Commands.setToken, site?.id),
    // The one trust flow (the Trust Certificate… command); once trusted, do what the person asked for in the first place.
    trustCertificate: async () => ((await vscode.commands.executeCommand(Commands.trustCertificate, site?.id)) !== undefined ? retry() : undefined),
    retry,
  };
  const actions: Record<string, () => unknown> = {};
  for (const fix of fixesFor(err, site !== undefined)) if (fix !== 'showLog') actions[FIX_LABELS[fix]] = run[fix];
  reportOutcome(ctx, 'error', message, actions);
}
