// Token management needs a user session (VCD refuses it to sessions made from an API token): ask how the
// person signs in, then user name + password (used once, never stored) until the login works.
import { isVcdError, login, type ApiTokenInfo, type UserSession } from '../vcd';
import type { Site } from '../platform/settings';
import { withCancellableProgress } from '../platform/progress';
import { Back } from '../platform/userInput';
import type { CommandContext } from './context';
import { CancelledByUser, messageOf } from './errors';

export type SignInMethod = 'password' | 'sso';

export async function askSignInMethod(ctx: CommandContext, id: string, title: string, what: string): Promise<SignInMethod> {
  const method = await ctx.ui.quickPick<SignInMethod>({
    id,
    title,
    placeHolder: `VCD lets only a signed-in user (not an API token) ${what}. How do you sign in?`,
    items: [
      { label: '$(key) Sign in with user name and password', detail: 'The password is used once for this and never stored.', value: 'password' },
      { label: '$(link-external) Use the VCD portal (SSO)', detail: 'Opens the API Tokens page of the VCD portal in your browser.', value: 'sso' },
    ],
  });
  if (method === undefined || method === Back) throw new CancelledByUser();
  return method;
}

/** What the site's own API-token session says about itself (best effort: undefined when unknown). */
export async function siteTokenFacts(ctx: CommandContext, site: Site): Promise<{ own?: ApiTokenInfo; userName?: string }> {
  if ((await ctx.tokens.getApiToken(site.id)) === undefined) return {};
  const client = ctx.clients.client(site);
  const facts: { own?: ApiTokenInfo; userName?: string } = {};
  try {
    facts.userName = (await client.currentSession()).userName;
    facts.own = await client.currentApiToken();
  } catch (err) {
    ctx.log.warn(`Could not identify the API token of ${site.name}: ${messageOf(err)}`);
  }
  return facts;
}

export async function signIn(ctx: CommandContext, site: Site, title: string, userName?: string): Promise<UserSession> {
  let user = userName ?? '';
  let problem: string | undefined;
  let step: 'user' | 'password' = user ? 'password' : 'user';
  const orgWords = site.isSystem ? 'the System organization' : `organization ${site.org}`;
  for (;;) {
    if (step === 'user') {
      const answer = await ctx.ui.inputBox({
        id: 'session.user', title, step: 1, totalSteps: 2, value: user, prompt: `User name in ${orgWords}`,
        validate: (v) => (v.trim() === '' ? 'Enter your user name.' : undefined),
      });
      if (answer === undefined || answer === Back) throw new CancelledByUser();
      user = answer.trim();
      step = 'password';
    }
    const password = await ctx.ui.inputBox({
      id: 'session.password', title, step: 2, totalSteps: 2, password: true, validationMessage: problem,
      prompt: `Password of ${user} in ${orgWords} (used once for this, never stored)`,
    });
    if (password === undefined) throw new CancelledByUser();
    if (password === Back) {
      step = 'user';
      continue;
    }
    try {
      return await withCancellableProgress(`Signing in to ${site.name} as ${user}…`, (signal) =>
        login(ctx.clients.connection(site), site.org, user, password, signal),
      );
    } catch (err) {
      if (!isVcdError(err, 'badCredentials')) throw err;
      problem = `${messageOf(err)} Check the user name and password.`;
      ctx.log.warn(`Sign-in to ${site.name} as ${user} failed: wrong user name or password`);
    }
  }
}

/** Ends the user session, logging (not throwing) a failure. */
export async function signOut(ctx: CommandContext, session: UserSession): Promise<void> {
  try {
    await session.logout();
  } catch (err) {
    ctx.log.warn(`Logging out the user session failed: ${messageOf(err)}`);
  }
}

export function expiryWords(token: ApiTokenInfo): string {
  return token.expirationTimeUtc ? `Expires ${token.expirationTimeUtc}` : 'Does not expire';
}
