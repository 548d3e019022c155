// Set API Token…: checks the token against the site, then stores it in SecretStorage.
import type { CommandContext } from './support/context';
import { pickSite } from './support/pickSite';
import { askVerifiedToken } from './support/verifyToken';

export async function setToken(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Set API Token');
  const token = await askVerifiedToken(ctx, site, {
    id: 'setToken.token',
    title: `Set API Token — ${site.name}`,
    prompt: `API token for ${site.isSystem ? 'the System organization' : `organization ${site.org}`} (VCD portal: User preferences → API Tokens)`,
  });
  await ctx.tokens.setApiToken(site.id, token);
  ctx.log.info(`Stored a new API token for ${site.name}`);
  await ctx.tree.refresh(await ctx.tree.siteNode(site.id));
  void ctx.ui.message({ severity: 'info', message: `Stored the API token for "${site.name}".` });
  return site.id;
}
