// Add Site…: URL, organization, API token in a multi-step input; checks that the URL is a VCD and the
// token exchanges before anything is saved; on a failed check goes back to the one wrong field.
import {
  exchangeApiToken, fetchVersions, type AccessTokenGrant, isCertificateProblem, isSystemOrg, isVcdError, normaliseBaseUrl, probeCertificate,
  type SiteTrust,
} from '../vcd';
import { defaultSiteName, siteIdOf } from '../platform/settings';
import { withCancellableProgress } from '../platform/progress';
import { Back } from '../platform/userInput';
import type { CommandContext } from './support/context';
import { CancelledByUser, messageOf } from '../platform/errorText';
import { offerTrust, whyNotTrustable } from './support/certificateTrust';

type Field = 'url' | 'org' | 'token';

interface Draft {
  url: string;
  org: string;
  token: string;
  /** PEM of the certificate the person chose to trust while adding the site. */
  certificate?: string;
  errors: Partial<Record<Field, string>>;
}

const TITLE = 'Add Site';
const STEPS: Field[] = ['url', 'org', 'token'];

export function urlProblem(value: string): string | undefined {
  if (value.trim() === '') return 'Enter the address of the VCD, e.g. vcd.example.com or https://vcd.example.com';
  try {
    normaliseBaseUrl(value);
    return undefined;
  } catch (err) {
    return messageOf(err);
  }
}

async function ask(ctx: CommandContext, field: Field, draft: Draft): Promise<string | Back | undefined> {
  const step = STEPS.indexOf(field) + 1;
  const common = { title: TITLE, step, totalSteps: STEPS.length, validationMessage: draft.errors[field] };
  switch (field) {
    case 'url':
      return ctx.ui.inputBox({
        ...common, id: 'addSite.url', value: draft.url, placeHolder: 'vcd.example.com',
        prompt: 'Address of the Cloud Director (https; a host name is enough)', validate: urlProblem,
      });
    case 'org':
      return ctx.ui.inputBox({
        ...common, id: 'addSite.org', value: draft.org, placeHolder: 'e.g. acme, or System for the provider',
        prompt: 'Organization to sign in to (System for the provider organization)',
        validate: (v) => (v.trim() === '' ? 'Enter the organization name (or System).' : /[\s/]/.test(v.trim()) ? 'An organization name has no spaces or slashes.' : undefined),
      });
    case 'token':
      return ctx.ui.inputBox({
        ...common, id: 'addSite.token', value: draft.token, password: true,
        prompt: 'API token (VCD portal: User preferences → API Tokens). Stored only in VS Code SecretStorage.',
        validate: (v) => (v.trim() === '' ? 'Paste the API token.' : undefined),
      });
  }
}

type CheckResult = { ok: true; certificate?: string; grant: AccessTokenGrant } | { ok: false; field: Field; message: string };

async function check(ctx: CommandContext, draft: Draft, signal: AbortSignal): Promise<CheckResult> {
  const baseUrl = normaliseBaseUrl(draft.url);
  const host = new URL(baseUrl).host;
  const org = draft.org.trim();
  if (ctx.config.site(siteIdOf(baseUrl, org))) {
    return { ok: false, field: 'org', message: `${host} with organization ${org} is already a site. Use Set API Token… to change its token.` };
  }
  const trust = (): SiteTrust | undefined => (draft.certificate ? { caCertificates: [draft.certificate] } : undefined);
  const conn = () => ({ ...ctx.clients.connection({ baseUrl }), trust: trust() });
  for (let attempt = 0; ; attempt++) {
    try {
      await fetchVersions(conn(), signal);
      break;
    } catch (err) {
      if (isCertificateProblem(err) && attempt === 0) {
        const info = await probeCertificate(baseUrl, { trust: trust(), signal, proxy: conn().probeProxy });
        if (await offerTrust(ctx.ui, host, defaultSiteName(baseUrl, org), info)) {
          draft.certificate = info.pem;
          continue;
        }
        return {
          ok: false,
          field: 'url',
          message: whyNotTrustable(host, info) ?? `The certificate of ${host} is not trusted. Trust it, or add its CA (trust.caFile) in the settings.`,
        };
      }
      if (isVcdError(err, 'cancelled')) throw err;
      return { ok: false, field: 'url', message: messageOf(err) };
    }
  }
  let grant: AccessTokenGrant;
  try {
    grant = await exchangeApiToken(conn(), org, draft.token.trim(), signal);
  } catch (err) {
    if (isVcdError(err, 'cancelled')) throw err;
    if (isVcdError(err, 'tokenRejected')) {
      // In the person's terms for this step (the core's sentence suggests Set API Token…, which is this very step).
      return {
        ok: false,
        field: 'token',
        message: `${host} did not accept this API token for organization "${org}". Check the token (it may have been revoked, or belong to another organization), or go back and check the organization "${org}".`,
      };
    }
    if (isVcdError(err) && (err.kind === 'notFound' || err.kind === 'forbidden' || err.kind === 'badRequest')) {
      return { ok: false, field: 'org', message: `Signing in to organization "${org}" failed: ${messageOf(err)}` };
    }
    return { ok: false, field: 'token', message: messageOf(err) };
  }
  return { ok: true, certificate: draft.certificate, grant };
}

export async function addSite(ctx: CommandContext): Promise<unknown> {
  const draft: Draft = { url: '', org: '', token: '', errors: {} };
  let index = 0;
  /** After a failed check: once the wrong field is fixed, check again without asking the others. */
  let fixing = false;
  for (;;) {
    if (index < STEPS.length) {
      const field = STEPS[index];
      const answer = await ask(ctx, field, draft);
      if (answer === undefined) throw new CancelledByUser();
      if (answer === Back) {
        index = Math.max(0, index - 1);
        continue;
      }
      if (answer.trim() !== draft[field].trim()) {
        if (field === 'url') draft.certificate = undefined;
      }
      draft[field] = answer.trim();
      draft.errors[field] = undefined;
      index = fixing && STEPS.every((f) => draft[f] !== '') ? STEPS.length : index + 1;
      continue;
    }
    const baseUrl = normaliseBaseUrl(draft.url);
    const result = await withCancellableProgress(`Checking ${new URL(baseUrl).host}…`, (signal) => check(ctx, draft, signal));
    if (!result.ok) {
      ctx.log.warn(`Add Site: ${result.field} check failed: ${result.message}`);
      draft.errors[result.field] = result.message;
      index = STEPS.indexOf(result.field);
      fixing = true;
      continue;
    }
    const org = isSystemOrg(draft.org) ? 'System' : draft.org;
    const siteId = siteIdOf(baseUrl, org);
    const name = defaultSiteName(baseUrl, org);
    // The token first, so the new site appears with its token already there.
    // The access token of the check is kept: the first listing does not exchange the API token again.
    await ctx.tokens.setVerifiedApiToken({ siteId, conn: { baseUrl }, org }, draft.token, result.grant);
    draft.token = '';
    await ctx.config.addSite({ name, url: baseUrl, org, trust: result.certificate ? { certificate: result.certificate } : undefined });
    ctx.log.info(`Added site ${name} (${baseUrl}, ${org})`);
    await ctx.tree.refresh();
    const node = await ctx.tree.siteNode(siteId);
    if (node) {
      try {
        await ctx.treeView.reveal(node, { select: true, focus: false, expand: true });
      } catch (err) {
        ctx.log.debug(`Could not reveal the new site: ${messageOf(err)}`);
      }
    }
    void ctx.ui.message({ severity: 'info', message: `Added site "${name}".` });
    return siteId;
  }
}
