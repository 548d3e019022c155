// Certificates for the simulator and for TLS tests: self-signed, CA + leaf, expired, wrong host.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface CertificateSpec {
  commonName: string;
  /** DNS names and IP addresses for subjectAltName (default: the common name). */
  altNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Sign with this CA instead of self-signing. */
  signedBy?: { certPem: string; keyPem: string };
  /** Make a CA certificate (basicConstraints cA, keyCertSign). */
  isCa?: boolean;
}

export interface MadeCertificate {
  certPem: string;
  keyPem: string;
  /** Upper-case hex pairs joined by ':'. */
  fingerprint256: string;
}

export async function makeCertificate(spec: CertificateSpec): Promise<MadeCertificate> {
  const notBefore = spec.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = spec.notAfter ?? new Date(notBefore.getTime() + 365 * 24 * 3600_000);
  const alt = (spec.altNames ?? [spec.commonName]).map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
  const extensions = spec.isCa
    ? [
      { name: 'basicConstraints' as const, cA: true, critical: true },
      { name: 'keyUsage' as const, keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ]
    : [
      { name: 'basicConstraints' as const, cA: false },
      { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage' as const, serverAuth: true },
      { name: 'subjectAltName' as const, altNames: alt },
    ];
  const pems = await generate([{ name: 'commonName', value: spec.commonName }, { name: 'organizationName', value: 'VCD Simulator' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: notBefore, notAfterDate: notAfter, extensions,
    ca: spec.signedBy ? { key: spec.signedBy.keyPem, cert: spec.signedBy.certPem } : undefined,
  });
  return { certPem: pems.cert, keyPem: pems.private, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}

export interface CaAndLeaf {
  ca: MadeCertificate;
  leaf: MadeCertificate;
}

/** A CA and a server certificate it signed (trust the CA's PEM to accept the leaf). */
export async function makeCaAndLeaf(options: { commonName?: string; altNames?: string[]; notBefore?: Date; notAfter?: Date } = {}): Promise<CaAndLeaf> {
  const ca = await makeCertificate({ commonName: 'VCD Simulator Test CA', isCa: true });
  const leaf = await makeCertificate({
    commonName: options.commonName ?? '127.0.0.2', altNames: options.altNames ?? ['127.0.0.2', '127.0.0.1', 'localhost'],
    notBefore: options.notBefore, notAfter: options.notAfter, signedBy: ca,
  });
  return { ca, leaf };
}

/** Default simulator certificate: self-signed for the given host (plus the usual loopback names). */
export async function makeServerCertificate(host: string): Promise<MadeCertificate> {
  const names = Array.from(new Set([host, '127.0.0.2', '127.0.0.1', 'localhost', '::1']));
  return makeCertificate({ commonName: host, altNames: names });
}
