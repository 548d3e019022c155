// Shows a server certificate (subject, issuer, validity, SHA-256 fingerprint) and asks whether to trust
// exactly that certificate for one site. Never turns certificate checks off.
import type { CertificateInfo } from '../vcd';
import type { UserInput } from '../platform/userInput';

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

/** Resolves true when the person chose to trust this certificate for the site. */
export async function offerTrust(ui: UserInput, host: string, siteName: string, info: CertificateInfo): Promise<boolean> {
  const answer = await ui.message({
    severity: 'warning',
    modal: true,
    message: `The certificate of ${host} is not trusted.`,
    detail:
      `${describeCertificate(info)}\n\n` +
      `Compare the fingerprint with the one your VCD administrator gives you. If you trust it, only a certificate ` +
      `with exactly this fingerprint is accepted for "${siteName}"; certificate checks stay on everywhere else.`,
    actions: [TrustAction],
  });
  return answer === TrustAction;
}
