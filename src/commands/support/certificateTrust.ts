// The one trust flow: read a site's certificate (the read-only probe), show it (subject, issuer, validity, SHA-256
// fingerprint), ask whether to trust exactly that certificate for that one site, and store it (PEM) in the site's
// settings. Used by Add Site, by the Trust Certificate… action of errors and error nodes, and by the command.
// Never turns certificate checks off: host names and validity dates are always checked.
import { probeCertificate, type CertificateInfo } from '../../vcd';
import type { Site } from '../../platform/settings';
import type { UserInput } from '../../platform/userInput';
import type { CommandContext } from './context';

export const TrustAction = 'Trust This Certificate';

export function describeCertificate(info: CertificateInfo): string {
  return [
    `Subject: ${info.subject}`,
    `Issuer: ${info.issuer}${info.selfSigned ? ' (self-signed)' : ''}`,
    `Valid from ${info.validFrom} to ${info.validTo}`,
    info.subjectAltNames ? `Names: ${info.subjectAltNames}` : undefined,
    `SHA-256 fingerprint: ${info.fingerprint256}`,
    info.verifyError ? `Why it is not trusted: ${info.verifyError}` : undefined,
  ]
    .filter((l): l is string => l !== undefined)
    .join('\n');
}

/** Why a certificate cannot work even when trusted (expired, not yet valid, other names); undefined when it can. */
export function whyNotTrustable(host: string, info: CertificateInfo): string | undefined {
  if (info.outOfValidity === 'expired') {
    return `The certificate of ${host} expired on ${info.validTo}. Ask its administrator to renew it; once the server presents the renewed certificate, you can trust that one.`;
  }
  if (info.outOfValidity === 'notYetValid') {
    return `The certificate of ${host} is not valid before ${info.validFrom}. Check this computer's clock, or ask the administrator of ${host}.`;
  }
  if (!info.namesHost) {
    return `The certificate of ${host} is issued for ${info.subjectAltNames ?? info.subject}, not for ${host}. Use an address the certificate names, or ask the administrator for a certificate that names ${host}.`;
  }
  return undefined;
}

/**
 * Resolves true when the person chose to trust this certificate for the site. A certificate that cannot work even
 * when trusted (see whyNotTrustable) is shown with the reason, without a trust button: host names and dates are
 * always checked.
 */
export async function offerTrust(ui: UserInput, host: string, siteName: string, info: CertificateInfo): Promise<boolean> {
  const why = whyNotTrustable(host, info);
  if (why !== undefined) {
    await ui.message({
      severity: 'warning',
      modal: true,
      message: `The certificate of ${host} cannot be trusted for "${siteName}".`,
      detail: `${describeCertificate(info)}\n\n${why}`,
    });
    return false;
  }
  const answer = await ui.message({
    severity: 'warning',
    modal: true,
    message: `The certificate of ${host} is not trusted.`,
    detail:
      `${describeCertificate(info)}\n\n` +
      `Compare the fingerprint with the one your VCD administrator gives you. If you trust it, this certificate is ` +
      `accepted for "${siteName}" only, and only for as long as it is valid and names ${host}; certificate checks stay on everywhere else.`,
    actions: [TrustAction],
  });
  return answer === TrustAction;
}

/** Probes the site's certificate, asks, and stores it (PEM) as the site's trusted certificate. */
export async function trustSiteCertificate(ctx: CommandContext, site: Site): Promise<boolean> {
  const conn = ctx.clients.connection(site);
  const info = await probeCertificate(site.baseUrl, { trust: conn.trust, proxy: conn.probeProxy });
  if (!(await offerTrust(ctx.ui, new URL(site.baseUrl).host, site.name, info))) return false;
  // The settings change rebuilds the site's client and reloads the view.
  await ctx.config.setSiteTrust(site, { caFile: site.trust?.caFile, certificate: info.pem });
  ctx.log.info(`${site.name}: trusted the certificate ${info.fingerprint256}`);
  return true;
}
