// Revoke API Token…: with a user session, list the person's API tokens, delete the chosen one on the
// server (after a modal confirmation), and forget it locally when it was the site's own token.
// Sign-in and listing share one progress notification, revoking has one; the outcome is a toast after both.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ApiTokenInfo, UserSession } from '../vcd';
import { withCancellableProgress } from '../platform/progress';
import type { Site } from '../platform/settings';
import { Back } from '../platform/userInput';
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { reportOutcome } from './support/notify';
import { pickSite } from './support/pickSite';
import { portalTokenPageUrl } from './support/portalUrl';
import { askSignInMethod, expiryWords, signIn, signOut, siteTokenFacts } from './support/userSession';

/** Asks which token to revoke and confirms it; undefined when there is none. Throws CancelledByUser. */
async function chooseToken(ctx: CommandContext, site: Site, title: string, tokens: ApiTokenInfo[], own: ApiTokenInfo | undefined) {
  if (tokens.length === 0) return undefined;
  const isOwn = (t: ApiTokenInfo) => own !== undefined && t.id === own.id;
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
  const confirm = await ctx.ui.message({
    severity: 'warning',
    modal: true,
    message: `Revoke the API token "${chosen.name}"?`,
    detail: isOwn(chosen)
      ? `This is the token "${site.name}" uses: the site stops working until you store a new token. Scripts that use it stop working too.`
      : 'Anything that uses this token stops working. This cannot be undone.',
    actions: ['Revoke'],
  });
  if (confirm !== 'Revoke') throw new CancelledByUser();
  return { token: chosen, own: isOwn(chosen) };
}

export async function revokeToken(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Revoke API Token');
  const title = `Revoke API Token — ${site.name}`;
  const method = await askSignInMethod(ctx, 'revokeToken.method', title, 'revoke API tokens');
  if (method === 'sso') {
    await ctx.ui.openExternal(portalTokenPageUrl(site));
    reportOutcome(
      ctx,
      'info',
      `Revoke the token on the API Tokens page of the VCD portal. If it was the token of "${site.name}", store a new one with Set API Token… afterwards.`,
      { 'Set API Token…': () => vscode.commands.executeCommand(Commands.setToken, site.id) },
    );
    return undefined;
  }
  const facts = await siteTokenFacts(ctx, site);
  const { session, result: tokens } = await signIn(ctx, site, title, facts.userName, {
    progress: title,
    run: (s, signal, report) => {
      report('listing your API tokens…');
      return s.listApiTokens(signal);
    },
  });
  const userName = session.info.userName;
  let choice: Awaited<ReturnType<typeof chooseToken>>;
  try {
    choice = await chooseToken(ctx, site, title, tokens, facts.own);
    if (choice) await revokeWith(session, title, choice.token);
  } finally {
    await signOut(ctx, session);
  }
  if (!choice) {
    reportOutcome(ctx, 'info', `${userName} has no API tokens on ${site.name}.`);
    return undefined;
  }
  const { token, own } = choice;
  ctx.log.info(`Revoked API token ${token.name} (${token.id}) on ${site.name}`);
  if (own) await ctx.tokens.deleteApiToken(site.id);
  await ctx.tree.refresh(await ctx.tree.siteNode(site.id));
  if (own) {
    reportOutcome(ctx, 'info', `Revoked the API token "${token.name}". "${site.name}" has no token now: store a new one to browse it again.`, {
      'Set API Token…': () => vscode.commands.executeCommand(Commands.setToken, site.id),
    });
  } else {
    reportOutcome(ctx, 'info', `Revoked the API token "${token.name}".`);
  }
  return token.id;
}

function revokeWith(session: UserSession, title: string, token: ApiTokenInfo): Promise<void> {
  return withCancellableProgress(title, (signal, report) => {
    report(`revoking "${token.name}"…`);
    return session.revokeApiToken(token.id, signal);
  });
}
