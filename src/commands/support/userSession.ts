// Token management needs a user session (VCD refuses it to sessions made from an API token): ask how the
// person signs in, then user name + password (used once, never stored) until the login works.
import { isVcdError, login, type ApiTokenInfo, type UserSession } from '../../vcd';
import type { Site } from '../../platform/settings';
import { withCancellableProgress, type ReportStep } from '../../platform/progress';
import { Back } from '../../platform/userInput';
import type { CommandContext } from './context';
import { CancelledByUser, messageOf } from '../../platform/errorText';

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

/**
 * Work done with a user session, shown in the same progress notification as the sign-in. VS Code shows at most
 * three new notifications within 800 ms as toasts (the rest go only to the notification center), so a flow
 * shows one notification per stretch of work, not one per request, and its outcome still reaches the screen.
 */
export interface SessionWork<T> {
  /** Title of the progress notification, e.g. "Rotate API Token — acme". */
  progress: string;
  run(session: UserSession, signal: AbortSignal, report: ReportStep): Promise<T>;
}

/**
 * Asks for the user name and password until the login works, then runs `work` with the session. On success the
 * session stays open (the caller signs out); when `work` fails the session is ended before the error is thrown.
 */
export async function signIn<T>(
  ctx: CommandContext,
  site: Site,
  title: string,
  userName: string | undefined,
  work: SessionWork<T>,
): Promise<{ session: UserSession; result: T }> {
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
    type Outcome = { ok: true; session: UserSession; result: T } | { ok: false; badCredentials: unknown };
    const outcome = await withCancellableProgress(work.progress, async (signal, report): Promise<Outcome> => {
      report(`signing in as ${user}…`);
      let session: UserSession;
      try {
        session = await login(ctx.clients.connection(site), site.org, user, password, signal);
      } catch (err) {
        if (isVcdError(err, 'badCredentials')) return { ok: false, badCredentials: err };
        throw err;
      }
      try {
        return { ok: true, session, result: await work.run(session, signal, report) };
      } catch (err) {
        await signOut(ctx, session);
        throw err;
      }
    });
    if (outcome.ok) return { session: outcome.session, result: outcome.result };
    problem = `${messageOf(outcome.badCredentials)} Check the user name and password.`;
    ctx.log.warn(`Sign-in to ${site.name} as ${user} failed: wrong user name or password`);
  }
}

/** signIn, then `work`, then sign out — all in one progress notification. */
export async function withUserSession<T>(
  ctx: CommandContext,
  site: Site,
  title: string,
  userName: string | undefined,
  work: SessionWork<T>,
): Promise<T> {
  const { result } = await signIn(ctx, site, title, userName, {
    progress: work.progress,
    run: async (session, signal, report) => {
      const value = await work.run(session, signal, report);
      report('signing out…');
      await signOut(ctx, session);
      return value;
    },
  });
  return result;
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
