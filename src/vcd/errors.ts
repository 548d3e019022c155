// One typed error family for everything that can go wrong talking to VCD.
// The core throws only VcdError (or AbortError-like VcdError kind 'cancelled') with facts: a sentence of what
// happened (host, organization, status; never UI wording), the status, VCD's code and request id, and a hint code of
// what would help. The VS Code layer (src/platform/errorText.ts) phrases them once, with the matching action.

export type VcdErrorKind =
  /**
   * The API token was rejected by /oauth/.../token with a well-formed OAuth invalid_grant (VCD's JSON
   * `minorErrorCode`, or RFC 6749's `error`): revoked, mistyped or wrong org. Show "Set API Token…".
   */
  | 'tokenRejected'
  /**
   * /oauth/.../token answered neither with an access token nor with invalid_grant: an empty 400/401 from a load
   * balancer, a web page, other JSON, a 5xx. Transient: the API token is kept and the next action exchanges again.
   * Show Retry.
   */
  | 'exchangeFailed'
  /** 401 on an API call: the access token/session expired or was revoked. */
  | 'unauthorized'
  /** Bad user name or password on a session login. */
  | 'badCredentials'
  /** 403, e.g. ACCESS_TO_RESOURCE_IS_FORBIDDEN: missing rights, or the entity does not exist. */
  | 'forbidden'
  /** 404. */
  | 'notFound'
  /** 400 BAD_REQUEST (bad filter, duplicate name, invalid state). */
  | 'badRequest'
  /**
   * The entity is busy with another operation: 400 BUSY_ENTITY from VCD, or a queued or running task of its own that
   * the client saw before sending. Try again when that task has ended.
   */
  | 'busy'
  /** A VCD task ended with status `error` or `aborted`; `serverMessage` is VCD's error message. */
  | 'taskFailed'
  /** 406 (or 405 on CloudAPI): the requested API version is not served. */
  | 'versionMismatch'
  /** 5xx. */
  | 'serverError'
  /**
   * 429 Too Many Requests (from a proxy or gateway in front of VCD) after the one retry the client makes, or with a
   * `Retry-After` longer than it waits (30 s). `retryAfterSeconds` says when to try again. Show Retry.
   */
  | 'rateLimited'
  /** The certificate chain is not trusted (self-signed, unknown CA). */
  | 'tlsUntrusted'
  /** The certificate has expired or is not yet valid. */
  | 'tlsExpired'
  /** The certificate does not name the host. */
  | 'tlsHostMismatch'
  /** Other TLS failure (handshake, protocol). */
  | 'tlsError'
  /** The host name does not resolve. */
  | 'dns'
  /** Connection refused / host unreachable. */
  | 'unreachable'
  /** Connection reset, socket hang up, truncated response. */
  | 'network'
  /** No answer within the timeout. */
  | 'timeout'
  /**
   * The answer was larger than the client reads (ConnectionOptions.maxResponseBytes, default 32 MB), so it was
   * abandoned. Retrying gets the same answer: no Retry.
   */
  | 'tooLarge'
  /** The caller cancelled (AbortSignal). */
  | 'cancelled'
  /** The server answered, but not like VCD (an HTML page, no /api/versions). */
  | 'notVcd'
  /** A VCD-looking answer that could not be parsed (malformed XML/JSON). */
  | 'malformedResponse'
  /** No API token stored for the site. */
  | 'noToken'
  /** Invalid input from the user (URL, org name). */
  | 'invalidInput';

export interface VcdErrorDetails {
  status?: number;
  /** VCD minorErrorCode (e.g. ACCESS_TO_RESOURCE_IS_FORBIDDEN, invalid_grant). */
  code?: string;
  /** The server's own message (untrusted text: shown as data, never interpreted). */
  serverMessage?: string;
  /** X-VMWARE-VCLOUD-REQUEST-ID of the failing response. */
  requestId?: string;
  /** `GET https://host/api/...` (redacted). */
  request?: string;
  /** For 'rateLimited': the wait the server asked for (Retry-After), in seconds, when it named one. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * What would help, for the VS Code layer to phrase and offer: an API token (none is stored), a new one, a new sign-in, trusting the site's
 * certificate, or trying again later (a passing problem).
 */
export type VcdHint = 'setToken' | 'newToken' | 'signIn' | 'trustCertificate' | 'retry';

const HINTS: Partial<Record<VcdErrorKind, VcdHint>> = {
  tokenRejected: 'newToken',
  noToken: 'setToken',
  unauthorized: 'signIn',
  tlsUntrusted: 'trustCertificate',
  tlsExpired: 'trustCertificate',
  tlsHostMismatch: 'trustCertificate',
  network: 'retry',
  timeout: 'retry',
  serverError: 'retry',
  unreachable: 'retry',
  dns: 'retry',
  malformedResponse: 'retry',
  exchangeFailed: 'retry',
  rateLimited: 'retry',
};

export class VcdError extends Error {
  override readonly name = 'VcdError';
  readonly kind: VcdErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly serverMessage?: string;
  readonly requestId?: string;
  readonly request?: string;
  readonly retryAfterSeconds?: number;

  /** What would help (from the kind). */
  readonly hint?: VcdHint;

  /** @param message What happened, in the user's terms: no advice, no token, no stack trace. */
  constructor(kind: VcdErrorKind, message: string, details: VcdErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
    this.request = details.request;
    if (details.retryAfterSeconds !== undefined) {
      this.retryAfterSeconds = details.retryAfterSeconds;
    }
    const hint = HINTS[kind];
    if (hint) this.hint = hint;
  }
}

export function isVcdError(err: unknown, kind?: VcdErrorKind): err is VcdError {
  return err instanceof VcdError && (kind === undefined || err.kind === kind);
}

export function isCancellation(err: unknown): boolean {
  return isVcdError(err, 'cancelled');
}

/** Kinds where the stored API token itself is the problem (show "Set API Token…"). */
export function isTokenProblem(err: unknown): boolean {
  return isVcdError(err) && (err.kind === 'tokenRejected' || err.kind === 'noToken');
}

/** Kinds about certificate trust (offer to inspect and trust the certificate). */
export function isCertificateProblem(err: unknown): boolean {
  return isVcdError(err) && (err.kind === 'tlsUntrusted' || err.kind === 'tlsExpired' || err.kind === 'tlsHostMismatch');
}
