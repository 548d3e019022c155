// Rotate API Token…: create a new token, verify it exchanges, store it, then revoke the old one — so the
// site always has a working token. A failed step says which step failed and what state things are in.
// Sign-in and every step run in one progress notification; the outcome is a toast after it closed.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { exchangeApiToken, type ApiTokenInfo } from '../vcd';
import type { Site } from '../platform/settings';
import type { CommandContext } from './support/context';
import { StepFailedError, isCancelled, messageOf } from '../platform/errorText';
import { reportOutcome } from './support/notify';
import { pickSite } from './support/pickSite';
import { portalTokenPageUrl } from './support/portalUrl';
import { askSignInMethod, siteTokenFacts, withUserSession } from './support/userSession';
import { newTokenName } from './support/tokenName';
import { askVerifiedToken } from './support/verifyToken';

async function rotateWithPortal(ctx: CommandContext, site: Site, title: string): Promise<unknown> {
  await ctx.ui.openExternal(portalTokenPageUrl(site));
  const token = await askVerifiedToken(ctx, site, {
    id: 'rotateToken.newToken',
    title,
    prompt: 'Create a new API token on the API Tokens page of the VCD portal and paste it here',
  });
  await ctx.tokens.setApiToken(site.id, token);
  await ctx.tree.refresh(await ctx.tree.siteNode(site.id));
  reportOutcome(ctx, 'info', `"${site.name}" now uses the new API token. Revoke the old token on the API Tokens page of the VCD portal.`, {
    'Open Portal': () => ctx.ui.openExternal(portalTokenPageUrl(site)),
  });
  return undefined;
}

export async function rotateToken(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Rotate API Token');
  const title = `Rotate API Token — ${site.name}`;
  const method = await askSignInMethod(ctx, 'rotateToken.method', title, 'create and revoke API tokens');
  if (method === 'sso') return rotateWithPortal(ctx, site, title);

  // Which token is the old one: known only while the site's current token still works.
  const facts = await siteTokenFacts(ctx, site);
  const old: ApiTokenInfo | undefined = facts.own;
  const fail = (step: string, err: unknown, state: string): never => {
    if (isCancelled(err)) throw err;
    throw new StepFailedError(`Rotating the API token of "${site.name}" failed at step "${step}": ${messageOf(err)} ${state}`, step, err);
  };
  const created = await withUserSession(ctx, site, title, facts.userName, {
    progress: title,
    run: async (session, signal, report) => {
      let created: { token: string; info: ApiTokenInfo };
      try {
        report('creating a new API token…');
        const existing = (await session.listApiTokens(signal)).map((t) => t.name);
        const name = newTokenName(site.name, ctx.now(), existing);
        report(`creating the API token "${name}"…`);
        created = await session.createApiToken(name, signal);
      } catch (err) {
        return fail('create a new token', err, 'Nothing changed: the site keeps its current token.');
      }
      try {
        report('checking the new API token…');
        await exchangeApiToken(ctx.clients.connection(site), site.org, created.token, signal);
        await ctx.tokens.setApiToken(site.id, created.token);
      } catch (err) {
        try {
          await session.revokeApiToken(created.info.id);
        } catch (cleanup) {
          ctx.log.warn(`Could not revoke the unused new token ${created.info.name}: ${messageOf(cleanup)}`);
        }
        return fail('verify and store the new token', err, 'The site keeps its current token.');
      }
      ctx.log.info(`Stored the new API token ${created.info.name} for ${site.name}`);
      await ctx.tree.refresh(await ctx.tree.siteNode(site.id));
      if (!old) return created.info;
      try {
        report(`revoking the old API token "${old.name}"…`);
        await session.revokeApiToken(old.id, signal);
      } catch (err) {
        return fail(
          'revoke the old token',
          err,
          `"${site.name}" now uses the new token "${created.info.name}" (created and verified). The old token "${old.name}" is still valid on the server: revoke it with Revoke API Token… or in the VCD portal.`,
        );
      }
      ctx.log.info(`Revoked the old API token ${old.name} of ${site.name}`);
      return created.info;
    },
  });
  if (!old) {
    reportOutcome(
      ctx,
      'warning',
      `"${site.name}" now uses the new API token "${created.name}". The old token could not be identified, so it was not revoked: revoke it with Revoke API Token… or in the VCD portal.`,
      { 'Revoke API Token…': () => vscode.commands.executeCommand(Commands.revokeToken, site.id) },
    );
  } else {
    reportOutcome(ctx, 'info', `Rotated the API token of "${site.name}": it now uses "${created.name}"; the old token "${old.name}" was revoked.`);
  }
  return created.id;
}
