// Revoke API Token…: with a user session, list the person's API tokens, delete the chosen one on the
// server (after a modal confirmation), and forget it locally when it was the site's own token.
import { Commands } from '../ids';
import type { ApiTokenInfo } from '../vcd';
import { withCancellableProgress } from '../platform/progress';
import { Back } from '../platform/userInput';
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { CancelledByUser } from './errors';
import { pickSite } from './pickSite';
import { portalTokenPageUrl } from './portalUrl';
import { askSignInMethod, expiryWords, signIn, signOut, siteTokenFacts } from './userSession';

export async function revokeToken(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Revoke API Token');
  const title = `Revoke API Token — ${site.name}`;
  const method = await askSignInMethod(ctx, 'revokeToken.method', title, 'revoke API tokens');
  if (method === 'sso') {
    await ctx.ui.openExternal(portalTokenPageUrl(site));
    await ctx.ui.message({
      severity: 'info',
      message: `Revoke the token on the API Tokens page of the VCD portal. If it was the token of "${site.name}", store a new one with Set API Token… afterwards.`,
    });
    return undefined;
  }
  const facts = await siteTokenFacts(ctx, site);
  const session = await signIn(ctx, site, title, facts.userName);
  try {
    const tokens = await withCancellableProgress('Listing your API tokens…', (signal) => session.listApiTokens(signal));
    if (tokens.length === 0) {
      await ctx.ui.message({ severity: 'info', message: `${session.info.userName} has no API tokens on ${site.name}.` });
      return undefined;
    }
    const isOwn = (t: ApiTokenInfo) => facts.own !== undefined && t.id === facts.own.id;
    const chosen = await ctx.ui.quickPick<ApiTokenInfo>({
      id: 'revokeToken.token',
      title,
      placeHolder: 'Which API token should stop working?',
      items: tokens.map((t) => ({
        label: t.name,
        description: [t.ownerName, isOwn(t) ? `used by ${site.name}` : undefined].filter(Boolean).join(' · ') || undefined,
        detail: expiryWords(t),
        value: t,
      })),
    });
    if (chosen === undefined || chosen === Back) throw new CancelledByUser();
    const own = isOwn(chosen);
    const confirm = await ctx.ui.message({
      severity: 'warning',
      modal: true,
      message: `Revoke the API token "${chosen.name}"?`,
      detail: own
        ? `This is the token "${site.name}" uses: the site stops working until you store a new token. Scripts that use it stop working too.`
        : 'Anything that uses this token stops working. This cannot be undone.',
      actions: ['Revoke'],
    });
    if (confirm !== 'Revoke') throw new CancelledByUser();
    await withCancellableProgress(`Revoking "${chosen.name}"…`, (signal) => session.revokeApiToken(chosen.id, signal));
    ctx.log.info(`Revoked API token ${chosen.name} (${chosen.id}) on ${site.name}`);
    if (own) await ctx.tokens.deleteApiToken(site.id);
    ctx.tree.refresh(await ctx.tree.siteNode(site.id));
    if (own) {
      const action = await ctx.ui.message({
        severity: 'info',
        message: `Revoked the API token "${chosen.name}". "${site.name}" has no token now.`,
        actions: ['Set API Token…'],
      });
      if (action === 'Set API Token…') await vscode.commands.executeCommand(Commands.setToken, site.id);
    } else {
      await ctx.ui.message({ severity: 'info', message: `Revoked the API token "${chosen.name}".` });
    }
    return chosen.id;
  } finally {
    await signOut(ctx, session);
  }
}
