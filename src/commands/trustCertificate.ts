// Trust Certificate…: read the certificate of a site (the node it was invoked on, e.g. an error node that says the
// certificate is not trusted, or the person's choice), show it, and trust exactly it for that site.
import type { CommandContext } from './support/context';
import { trustSiteCertificate } from './support/certificateTrust';
import { CancelledByUser } from '../platform/errorText';
import { pickSite } from './support/pickSite';

export async function trustCertificate(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Trust Certificate');
  if (!(await trustSiteCertificate(ctx, site))) throw new CancelledByUser();
  return site.id;
}
