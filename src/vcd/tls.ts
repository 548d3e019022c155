// TLS: which certificates a site trusts, the verified connection the HTTP agent uses, and the certificate probe.
//
// Trust = the system CAs + the site's extra CA PEMs, verified by Node as usual (chain and host name).
// A pinned SHA-256 fingerprint adds exactly one certificate: when (and only when) the normal check fails because the
// chain is untrusted/self-signed or the certificate is expired, the connection is still accepted if the peer
// certificate's fingerprint equals the pin and it names the host. Node cannot express that in its options (it needs
// the certificate itself as a CA, which a fingerprint is not), so pinned connections are verified here: the socket is
// opened without Node's automatic rejection and handed to HTTP only after the check below has passed, so not a
// single byte of a request (nor the access token) is written to an unverified peer. Without a pin, Node rejects as
// usual and this code never relaxes anything.
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Duplex } from 'node:stream';
import { VcdError } from './errors';
import { errorFromTransport } from './mapError';
import { CertificateInfo, SiteTrust } from './types';
import { hostOf } from './url';
import { UNTRUSTED_CHAIN_CODES, VALIDITY_CODES } from './tlsCodes';

/** Verification failures a pinned fingerprint may override. A wrong host name is never overridden. */
const PIN_OVERRIDABLE: ReadonlySet<string> = new Set([...UNTRUSTED_CHAIN_CODES, ...VALIDITY_CODES]);

/** Upper-case hex pairs joined by ':'; accepts any case and separators (':' or none, spaces). */
export function normaliseFingerprint(input: string): string {
  const hex = input.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) {
    throw new VcdError('invalidInput', 'A SHA-256 certificate fingerprint has 64 hexadecimal digits.');
  }
  return hex.match(/../g)!.join(':');
}

/** The CA list for a site: undefined (Node's default store) or the system CAs plus the site's PEMs. */
export function caFor(trust: SiteTrust | undefined): string[] | undefined {
  const extra = (trust?.caCertificates ?? []).map((pem) => pem.trim()).filter((pem) => pem !== '');
  return extra.length === 0 ? undefined : [...tls.rootCertificates, ...extra];
}

function isIp(host: string): boolean {
  return net.isIP(host.replace(/^\[|\]$/g, '')) !== 0;
}

export class CertificateRejectedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Decides whether a pinned connection may be used. Returns undefined when it may. */
export function pinnedVerdict(socket: tls.TLSSocket, host: string, pin: string): CertificateRejectedError | undefined {
  if (socket.authorized) {
    return undefined;
  }
  const reason = String(socket.authorizationError ?? 'CERT_UNTRUSTED');
  const cert = socket.getPeerCertificate();
  if (!PIN_OVERRIDABLE.has(reason)) {
    return new CertificateRejectedError(reason, `certificate rejected: ${reason}`);
  }
  if (cert?.fingerprint256 === undefined || cert.fingerprint256.toUpperCase() !== pin) {
    return new CertificateRejectedError('CERT_PIN_MISMATCH', `certificate rejected (${reason}) and not the pinned certificate`);
  }
  const hostError = tls.checkServerIdentity(host.replace(/^\[|\]$/g, ''), cert);
  if (hostError !== undefined) {
    return new CertificateRejectedError('ERR_TLS_CERT_ALTNAME_INVALID', hostError.message);
  }
  return undefined;
}

interface AgentTrustOptions extends https.AgentOptions {
  trust?: SiteTrust;
  /** Handshake deadline for pinned connections (ms). */
  handshakeTimeoutMs: number;
}

/** An https.Agent that applies the site's trust; keep-alive pooling as usual. */
export class SiteHttpsAgent extends https.Agent {
  private readonly pin?: string;
  /** Built once per agent: parsing the system roots plus the site's CAs for every new socket costs ~10 ms each. */
  private readonly secureContext?: tls.SecureContext;
  private readonly handshakeTimeoutMs: number;

  constructor(options: AgentTrustOptions) {
    const { trust, handshakeTimeoutMs, ...agentOptions } = options;
    super(agentOptions);
    this.pin = trust?.pinnedFingerprint256 === undefined || trust.pinnedFingerprint256 === '' ? undefined : normaliseFingerprint(trust.pinnedFingerprint256);
    const ca = caFor(trust);
    this.secureContext = ca === undefined ? undefined : tls.createSecureContext({ ca });
    this.handshakeTimeoutMs = handshakeTimeoutMs;
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | undefined {
    const host = options.host ?? options.hostname ?? 'localhost';
    const base: tls.ConnectionOptions = {
      ...(options as tls.ConnectionOptions),
      host,
      servername: isIp(host) ? undefined : ((options as tls.ConnectionOptions).servername ?? host),
      ...(this.secureContext === undefined ? {} : { secureContext: this.secureContext }),
    };
    if (this.pin === undefined) {
      // Node's own verification (chain + host name), rejecting on failure.
      return tls.connect({ ...base, rejectUnauthorized: true });
    }
    const pin = this.pin;
    // Pinned: verified by pinnedVerdict before the socket is given to HTTP (see the file comment).
    const socket = tls.connect({ ...base, rejectUnauthorized: false });
    let settled = false;
    const settle = (err: Error | null): void => {
      if (settled) {
        return;
      }
      settled = true;
      socket.setTimeout(0);
      if (err !== null) {
        socket.destroy();
        // Node's agent ignores the stream argument when err is set.
        callback?.(err, socket);
      } else {
        callback?.(null, socket);
      }
    };
    socket.setTimeout(this.handshakeTimeoutMs, () => settle(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' })));
    socket.once('error', (err: Error) => settle(err));
    socket.once('secureConnect', () => settle(pinnedVerdict(socket, host, pin) ?? null));
    return undefined;
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

/**
 * Reads the server certificate of a site (subject, issuer, validity, fingerprint) and whether it passes the normal
 * check with this trust. Only the TLS handshake happens: no HTTP request is sent, and the socket is closed at once.
 */
export function probeCertificate(baseUrl: string, trust?: SiteTrust, signal?: AbortSignal, timeoutMs = 15_000): Promise<CertificateInfo> {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') {
    return Promise.reject(new VcdError('invalidInput', `${url.host} is not an https:// site; it has no certificate.`));
  }
  const host = url.hostname;
  const port = url.port === '' ? 443 : Number(url.port);
  const ctx = { baseUrl, operation: 'probe' as const, request: `TLS ${hostOf(baseUrl)}`, timeoutMs };
  return new Promise<CertificateInfo>((resolve, reject) => {
    if (signal?.aborted) {
      reject(errorFromTransport(new Error('aborted'), ctx, 'cancelled'));
      return;
    }
    const ca = caFor(trust);
    // Inspection only: the handshake result is reported, never used to send anything.
    const socket = tls.connect({
      host: host.replace(/^\[|\]$/g, ''),
      port,
      servername: isIp(host) ? undefined : host,
      rejectUnauthorized: false,
      ...(ca === undefined ? {} : { ca }),
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
      if (cert === null || cert === undefined || cert.fingerprint256 === undefined) {
        finish(new VcdError('tlsError', `${hostOf(baseUrl)} presented no certificate.`, { request: ctx.request }));
        return;
      }
      const issuerCert = cert.issuerCertificate;
      const selfSigned = issuerCert === undefined || issuerCert === cert || issuerCert.fingerprint256 === cert.fingerprint256;
      const info: CertificateInfo = {
        subject: describeName(cert.subject),
        issuer: describeName(cert.issuer),
        validFrom: new Date(cert.valid_from).toISOString(),
        validTo: new Date(cert.valid_to).toISOString(),
        fingerprint256: cert.fingerprint256.toUpperCase(),
        selfSigned,
      };
      if (cert.subjectaltname !== undefined && cert.subjectaltname !== '') {
        info.subjectAltNames = cert.subjectaltname;
      }
      if (!socket.authorized) {
        info.verifyError = String(socket.authorizationError ?? 'UNKNOWN');
      }
      finish(null, info);
    });
  });
}
