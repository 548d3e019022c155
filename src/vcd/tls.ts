// TLS: which certificates a site trusts, as TLS options that survive VS Code's network layer, and the read-only
// certificate probe.
//
// Trust = the system CAs + the site's extra trust anchors (PEM): CA certificates (trust.caFile) and the one server
// certificate a person chose to trust. Node verifies the chain, the host name and the validity period as usual; with
// `allowPartialTrustChain`, any certificate in the list is an anchor, so a trusted self-signed certificate and a
// trusted leaf whose private CA the server does not send both verify. Nothing here relaxes verification.
//
// Why options and not an agent: inside VS Code, the https module is patched to apply the proxy settings. For every
// host but localhost and 127.0.0.1 it replaces the agent an extension passes with its own, so custom connection logic
// never runs there. What it does keep are the request's own TLS options (`ca`, `allowPartialTrustChain`,
// `secureContext`), which reach `tls.connect` directly and through a CONNECT proxy. So the site's trust is given as
// request options (see http.ts), and the same options work in plain Node.
import { X509Certificate, createHash } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { VcdError } from './errors';
import { errorFromTransport } from './mapError';
import { CertificateInfo, SiteTrust } from './types';
import { hostOf } from './url';
import { raceWithSignal } from './abort';
import { openTunnel, type ProbeProxy } from './tunnel';

/** Upper-case hex pairs joined by ':'; accepts any case and separators (':' or none, spaces). */
export function normaliseFingerprint(input: string): string {
  const hex = input.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) {
    throw new VcdError('invalidInput', 'A SHA-256 certificate fingerprint has 64 hexadecimal digits.');
  }
  return hex.match(/../g)!.join(':');
}

/** The trust anchors a site adds to the system's (PEM, trimmed, empty ones dropped). */
export function extraAnchors(trust: SiteTrust | undefined): string[] {
  return (trust?.caCertificates ?? []).map((pem) => pem.trim()).filter((pem) => pem !== '');
}

/** TLS options that carry a site's trust. Empty when the site adds nothing (Node's and VS Code's defaults apply). */
export interface TrustOptions {
  ca?: string[];
  allowPartialTrustChain?: boolean;
  secureContext?: tls.SecureContext;
}

/**
 * The request options for a site's trust: the system CAs plus the site's anchors as `ca`, partial-chain trust, and
 * one secure context built from the same (parsing ~140 roots per new socket costs ~10 ms each). `secureContext` is
 * what Node uses; `ca` and `allowPartialTrustChain` are kept next to it because they are what VS Code's network
 * layer looks at and what a `tls.connect` without the context would use.
 */
export function trustOptions(trust: SiteTrust | undefined): TrustOptions {
  const anchors = extraAnchors(trust);
  if (anchors.length === 0) {
    return {};
  }
  const ca = [...tls.rootCertificates, ...anchors];
  // An https agent names its pool of sockets by the request's TLS options as text, `ca` among them: the ~140 system
  // roots joined, some 200 KB built and hashed several times per request, most of the CPU a query page cost. The list
  // names itself by a digest of its certificates instead: the same trust, the same name; other trust, another name.
  const name = `ca-sha256:${createHash('sha256').update(ca.join('\n')).digest('hex')}`;
  Object.defineProperty(ca, 'toString', { value: () => name });
  return { ca, allowPartialTrustChain: true, secureContext: tls.createSecureContext({ ca, allowPartialTrustChain: true }) };
}

function isIp(host: string): boolean {
  return net.isIP(host.replace(/^\[|\]$/g, '')) !== 0;
}

/** PEM text of a DER certificate. */
export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** SHA-256 fingerprint (upper-case hex pairs) of a PEM certificate; undefined when it does not parse. */
export function fingerprintOfPem(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256.toUpperCase();
  } catch {
    return undefined;
  }
}

/** Issuer = subject and signed with its own key (Node reports an unknown issuer as the certificate itself). */
function isSelfSigned(der: Buffer): boolean {
  try {
    const x509 = new X509Certificate(der);
    return x509.issuer === x509.subject && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

function describeName(name: unknown): string {
  if (name === null || typeof name !== 'object') {
    return '';
  }
  return Object.entries(name as Record<string, unknown>)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

export interface ProbeOptions {
  /** The site's trust, to report whether the certificate passes with it. */
  trust?: SiteTrust;
  signal?: AbortSignal;
  /** Handshake deadline, ms (default 15 000). */
  timeoutMs?: number;
  /** The HTTP proxy the site's requests go through, if any: the probe then reads the certificate through it too. */
  proxy?: ProbeProxy;
}

/**
 * Reads the server certificate of a site (subject, issuer, validity, fingerprint, PEM) and whether it passes the
 * normal check with this trust, host name included. Only the TLS handshake happens: no HTTP request is sent, no byte
 * is written after the handshake, and the socket is closed at once. That is why it, and only it, completes a handshake
 * without rejecting an untrusted peer: it reports the certificate, it never uses the connection.
 */
export async function probeCertificate(baseUrl: string, options: ProbeOptions = {}): Promise<CertificateInfo> {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') {
    throw new VcdError('invalidInput', `${url.host} is not an https:// site; it has no certificate.`);
  }
  const { trust, signal, timeoutMs = 15_000, proxy } = options;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? 443 : Number(url.port);
  const ctx = { baseUrl, operation: 'probe' as const, request: `TLS ${hostOf(baseUrl)}${proxy === undefined ? '' : ' (through the proxy)'}`, timeoutMs };
  if (signal?.aborted) {
    throw errorFromTransport(new Error('aborted'), ctx, 'cancelled');
  }
  const tunnel = proxy === undefined ? undefined : await openTunnel(proxy, host, port, timeoutMs, signal);
  return new Promise<CertificateInfo>((resolve, reject) => {
    const socket = tls.connect({
      ...(tunnel === undefined ? { host, port } : { socket: tunnel }),
      servername: isIp(host) ? undefined : host,
      rejectUnauthorized: false,
      ...trustOptions(trust),
    });
    let done = false;
    const finish = (err: VcdError | null, info?: CertificateInfo): void => {
      if (done) {
        return;
      }
      done = true;
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err !== null) {
        reject(err);
      } else {
        resolve(info!);
      }
    };
    const onAbort = (): void => finish(errorFromTransport(new Error('aborted'), ctx, 'cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(timeoutMs, () => finish(errorFromTransport(new Error('timeout'), ctx, 'timeout')));
    socket.once('error', (err) => finish(errorFromTransport(err, ctx)));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true);
      if (cert === null || cert === undefined || cert.fingerprint256 === undefined || !Buffer.isBuffer(cert.raw)) {
        finish(new VcdError('tlsError', `${hostOf(baseUrl)} presented no certificate.`, { request: ctx.request }));
        return;
      }
      const selfSigned = isSelfSigned(cert.raw);
      const validTo = new Date(cert.valid_to);
      const validFrom = new Date(cert.valid_from);
      const now = Date.now();
      const info: CertificateInfo = {
        subject: describeName(cert.subject),
        issuer: describeName(cert.issuer),
        validFrom: validFrom.toISOString(),
        validTo: validTo.toISOString(),
        fingerprint256: cert.fingerprint256.toUpperCase(),
        pem: derToPem(cert.raw),
        selfSigned,
        outOfValidity: now > validTo.getTime() ? 'expired' : now < validFrom.getTime() ? 'notYetValid' : undefined,
        namesHost: tls.checkServerIdentity(host, cert) === undefined,
      };
      if (cert.subjectaltname !== undefined && cert.subjectaltname !== '') {
        info.subjectAltNames = cert.subjectaltname;
      }
      if (!socket.authorized) {
        info.verifyError = String(socket.authorizationError ?? 'UNKNOWN');
      } else if (!info.namesHost) {
        info.verifyError = 'ERR_TLS_CERT_ALTNAME_INVALID';
      }
      finish(null, info);
    });
  });
}

/**
 * A connection's trust options, resolved once. A site saved by an older version with only a pinned fingerprint
 * (`pinnedFingerprint256`, no certificate) gets its certificate read once by the probe: it is used as the trust anchor
 * only when its fingerprint equals the pin and it names the host; `onLearned` receives its PEM so that the caller can
 * store it. Until then no request is sent. A failed resolution is not cached: the next request tries again.
 */
export class SiteTrustResolver {
  private resolved?: TrustOptions;
  private pending?: Promise<TrustOptions>;

  constructor(
    private readonly baseUrl: string,
    private readonly trust: SiteTrust | undefined,
    private readonly onLearned: ((pem: string) => void) | undefined,
    private readonly timeoutMs: number,
    private readonly proxy?: ProbeProxy,
  ) {
    const pin = this.pin();
    if (pin === undefined || extraAnchors(trust).some((pem) => fingerprintOfPem(pem) === pin)) {
      this.resolved = trustOptions(trust);
    }
  }

  options(signal: AbortSignal | undefined, ctx: { request?: string }): Promise<TrustOptions> {
    if (this.resolved !== undefined) {
      return Promise.resolve(this.resolved);
    }
    if (this.pending === undefined) {
      const attempt = this.learn(ctx);
      this.pending = attempt;
      attempt.then(
        (options) => {
          this.resolved = options;
        },
        () => {
          if (this.pending === attempt) {
            this.pending = undefined;
          }
        },
      );
    }
    return raceWithSignal(this.pending, signal);
  }

  private pin(): string | undefined {
    const pin = this.trust?.pinnedFingerprint256;
    if (pin === undefined || pin === '') {
      return undefined;
    }
    try {
      return normaliseFingerprint(pin);
    } catch {
      return pin.toUpperCase();
    }
  }

  private async learn(ctx: { request?: string }): Promise<TrustOptions> {
    const pin = this.pin()!;
    const host = hostOf(this.baseUrl);
    const info = await probeCertificate(this.baseUrl, { trust: this.trust, timeoutMs: this.timeoutMs, proxy: this.proxy });
    if (info.fingerprint256 !== pin) {
      throw new VcdError(
        'tlsUntrusted',
        `The certificate of ${host} is not the certificate trusted for this site (its SHA-256 fingerprint differs), so the connection was refused.`,
        { code: 'CERT_PIN_MISMATCH', request: ctx.request },
      );
    }
    if (!info.namesHost) {
      throw new VcdError('tlsHostMismatch', `The certificate of ${host} was issued for another host name, so the connection was refused.`, {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
        request: ctx.request,
      });
    }
    try {
      this.onLearned?.(info.pem);
    } catch {
      // storing it is a convenience: the connection works without
    }
    return trustOptions({ ...this.trust, caCertificates: [...extraAnchors(this.trust), info.pem] });
  }
}
