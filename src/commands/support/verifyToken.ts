// Asks for an API token (password-masked) until it exchanges on the site, or the person gives up.
import { exchangeApiToken, isVcdError } from '../../vcd';
import type { Site } from '../../platform/settings';
import { withCancellableProgress } from '../../platform/progress';
import type { CommandContext } from './context';
import { CancelledByUser, messageOf } from '../../platform/errorText';

export async function askVerifiedToken(
  ctx: CommandContext,
  site: Site,
  prompt: { id: string; title: string; prompt: string },
): Promise<string> {
  let problem: string | undefined;
  let value = '';
  for (;;) {
    const answer = await ctx.ui.inputBox({
      id: prompt.id, title: prompt.title, prompt: prompt.prompt, password: true, value, validationMessage: problem,
      validate: (v) => (v.trim() === '' ? 'Paste the API token.' : undefined),
    });
    if (answer === undefined || typeof answer === 'symbol') throw new CancelledByUser();
    const token = answer.trim();
    try {
      await withCancellableProgress(`Checking the API token on ${site.name}…`, (signal) =>
        exchangeApiToken(ctx.clients.connection(site), site.org, token, signal),
      );
      return token;
    } catch (err) {
      if (!isVcdError(err, 'tokenRejected')) throw err;
      problem = messageOf(err);
      value = token;
    }
  }
}
