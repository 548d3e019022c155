// Remove Site: asks first, then forgets the site's token (SecretStorage) and its settings entry.
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { pickSite } from './support/pickSite';

export async function removeSite(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Remove Site');
  const answer = await ctx.ui.message({
    severity: 'warning',
    modal: true,
    message: `Remove the site "${site.name}"?`,
    detail: 'Its API token is forgotten on this computer. The token stays valid on the server: use Revoke API Token… first if it should stop working.',
    actions: ['Remove'],
  });
  if (answer !== 'Remove') throw new CancelledByUser();
  await ctx.tokens.deleteApiToken(site.id);
  await ctx.config.removeSite(site);
  ctx.clients.prune(ctx.config.settings.sites);
  ctx.log.info(`Removed site ${site.name}`);
  await ctx.tree.refresh();
  return site.id;
}
