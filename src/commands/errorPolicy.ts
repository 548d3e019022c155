// The one error policy of all commands: one message in the person's terms, with the action that fixes it.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { isCertificateProblem, isVcdError, type VcdErrorKind } from '../vcd';
import type { Site } from '../platform/settings';
import type { CommandContext } from './context';
import { StepFailedError, messageOf } from './errors';
import { trustSiteCertificate } from './certificateTrust';

const SetToken = 'Set API Token…';
const ShowLog = 'Show Log';
const Retry = 'Retry';
const TrustCertificate = 'Trust Certificate…';

const RETRYABLE: VcdErrorKind[] = ['network', 'timeout', 'serverError', 'unreachable', 'dns', 'malformedResponse', 'exchangeFailed', 'rateLimited'];

function actionsFor(err: unknown, site: Site | undefined): string[] {
  const cause = err instanceof StepFailedError ? err.cause : err;
  if (!isVcdError(cause)) return [ShowLog];
  if ((cause.kind === 'tokenRejected' || cause.kind === 'noToken' || cause.kind === 'unauthorized') && site) return [SetToken, ShowLog];
  if (isCertificateProblem(cause) && site) return [TrustCertificate, ShowLog];
  if (RETRYABLE.includes(cause.kind) && !(err instanceof StepFailedError)) return [Retry, ShowLog];
  return [ShowLog];
}

export async function showCommandError(
  ctx: CommandContext,
  commandId: string,
  err: unknown,
  site: Site | undefined,
  retry: () => Promise<unknown>,
): Promise<void> {
  const message = messageOf(err);
  const cause = err instanceof StepFailedError ? err.cause : err;
  ctx.log.error(`${commandId} failed: ${message}${isVcdError(cause) && cause.request ? ` (${cause.request})` : ''}`);
  const action = await ctx.ui.message({ severity: 'error', message, actions: actionsFor(err, site) });
  switch (action) {
    case SetToken:
      await vscode.commands.executeCommand(Commands.setToken, site?.id);
      break;
    case ShowLog:
      ctx.log.show();
      break;
    case Retry:
      await retry();
      break;
    case TrustCertificate:
      // Trusting the certificate is what fixes it: then do what the person asked for in the first place.
      if (site && (await trustSiteCertificate(ctx, site))) await retry();
      break;
  }
}
