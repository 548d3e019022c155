// Turns an HTTP answer or a transport failure into one VcdError with a message in the user's terms.
// Messages never contain a token; the server's own text is kept apart (serverMessage), redacted.
import { UNTRUSTED_CHAIN_CODES, VALIDITY_CODES } from './tlsCodes';
import { VcdError, VcdErrorKind } from './errors';
import { redactWith } from './redact';
import { parseRetryAfter, retryPhrase } from './rateLimit';
import { readServerError } from './serverError';
import { hostOf } from './url';

export type Operation = 'api' | 'exchange' | 'login' | 'versions' | 'register' | 'probe';

export interface ErrorContext {
  baseUrl: string;
  /** Organization name, for token and login messages. */
  org?: string;
  operation?: Operation;
  /** `GET /api/query?...` (redacted). */
  request?: string;
  /** Path of the request (decides e.g. 405 on /cloudapi). */
  path?: string;
  apiVersion?: string;
  timeoutMs?: number;
  /** The response size limit, for the 'tooLarge' message. */
  maxResponseBytes?: number;
  /**
   * The secrets the request carried (API token, access token, password, assertion). A server may echo them in its
   * error text, where no pattern recognises them: every server text is redacted with these values besides the patterns.
   */
  secrets?: readonly string[];
}

export interface ResponseLike {
  status: number;
  statusText: string;
  body: string;
  contentType?: string;
  requestId?: string;
  /** Response headers, lower-case names (Retry-After of a 429). */
  headers?: Readonly<Record<string, string>>;
}

const UNTRUSTED = new Set([...UNTRUSTED_CHAIN_CODES, 'CERT_SIGNATURE_FAILURE', 'CERT_PIN_MISMATCH']);
const EXPIRED = VALIDITY_CODES;
const HOST_MISMATCH = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED', 'ERR_BAD_RESPONSE', 'HPE_INVALID_CONSTANT', 'ERR_HTTP_PARSER']);
/** ERR_RESPONSE_TOO_LARGE: our name for axios' "maxContentLength size of N exceeded" (its code is ERR_BAD_RESPONSE). */
const TOO_LARGE = new Set(['ERR_RESPONSE_TOO_LARGE', 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED', 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED']);

function orgPhrase(ctx: ErrorContext): string {
  return ctx.org === undefined || ctx.org === '' ? '' : ` for organization “${ctx.org}”`;
}

/** Server text made safe to show: redacted with the request's secrets and the patterns. */
function cleanServerText(text: string, ctx: ErrorContext): string {
  return redactWith(text, ctx.secrets ?? []);
}

function shortServerText(message: string | undefined, ctx: ErrorContext): string {
  if (message === undefined) {
    return '';
  }
  const clean = cleanServerText(message, ctx).replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 197)}…` : clean;
}

/** The error for a non-2xx answer (or a 2xx that is an HTML page). */
export function errorFromResponse(res: ResponseLike, ctx: ErrorContext): VcdError {
  const host = hostOf(ctx.baseUrl);
  const parsed = readServerError(res.body, res.contentType);
  const details = {
    status: res.status,
    code: parsed.code === undefined ? undefined : cleanServerText(parsed.code, ctx),
    serverMessage: parsed.message === undefined ? undefined : cleanServerText(parsed.message, ctx),
    requestId: res.requestId === undefined ? undefined : cleanServerText(res.requestId, ctx),
    request: ctx.request,
  };
  const make = (kind: VcdErrorKind, message: string): VcdError => new VcdError(kind, message, details);
  const status = res.status;
  const said = shortServerText(parsed.message, ctx);
  const statusText = res.statusText ? ` ${shortServerText(res.statusText, ctx)}` : '';

  if (status === 429) {
    const seconds = parseRetryAfter(res.headers?.['retry-after']);
    return new VcdError(
      'rateLimited',
      `${host} is limiting requests (HTTP 429${statusText}). Try again ${retryPhrase(seconds)}.`,
      seconds === undefined ? details : { ...details, retryAfterSeconds: seconds },
    );
  }
  // The token endpoint: only a well-formed OAuth invalid_grant (VCD's JSON `minorErrorCode`, or RFC 6749's `error`)
  // means the API token itself was refused. Anything else there (an empty 400/401 from a load balancer, a web page,
  // other JSON, a 5xx) says nothing about the token: it is kept, and the next action exchanges again.
  const invalidGrant = parsed.json && parsed.code === 'invalid_grant' && status >= 400 && status < 500;
  if (ctx.operation === 'exchange') {
    if (invalidGrant) {
      return make(
        'tokenRejected',
        `The API token was rejected by ${host}${orgPhrase(ctx)}. It may have been revoked, or belong to another organization.`,
      );
    }
    const what = said || shortServerText(parsed.code, ctx);
    const answer = parsed.empty ? 'an empty answer' : parsed.html ? 'a web page' : what ? `“${what}”` : 'an answer that is not a token';
    return make(
      'exchangeFailed',
      `${host} did not exchange the API token${orgPhrase(ctx)} (HTTP ${status}${statusText}, ${answer}). That is not a rejection of the token but a passing problem of the server or of a proxy in front of it: a stored token is kept, and the next action tries again.`,
    );
  }
  if (parsed.html && status < 500) {
    return make(
      'notVcd',
      `${host} answered with a web page (HTTP ${status}) instead of the Cloud Director API. Check the site address; a proxy or another web server may be in the way.`,
    );
  }
  if (ctx.operation === 'register' && invalidGrant) {
    return make('badRequest', `${host} did not accept the new token's one-time grant${said ? `: ${said}` : '.'}`);
  }
  if (status === 401) {
    if (ctx.operation === 'login') {
      return make('badCredentials', `${host} rejected the user name or password${orgPhrase(ctx)}.`);
    }
    return make('unauthorized', `${host} no longer accepts the session (HTTP 401): it expired or was revoked.`);
  }
  if (status === 403) {
    return make(
      'forbidden',
      `${host} refused access${ctx.path ? ` to ${ctx.path}` : ''}: you lack the rights for it, or it no longer exists${said ? ` (“${said}”)` : ''}.`,
    );
  }
  if (status === 406 || (status === 405 && (ctx.path ?? '').startsWith('/cloudapi'))) {
    const version = ctx.apiVersion === undefined ? 'the requested API version' : `API version ${ctx.apiVersion}`;
    return make(
      'versionMismatch',
      `${host} does not serve ${version}. Choose another API version for this site, or let it be negotiated automatically.`,
    );
  }
  if (status === 404) {
    return make('notFound', `${host} has no ${ctx.path ?? 'such object'} (HTTP 404)${said ? `: “${said}”` : '.'}`);
  }
  if (status >= 500) {
    return make('serverError', `${host} had an internal error (HTTP ${status}${statusText}). Try again later.`);
  }
  if (status >= 300 && status < 400) {
    return make('notVcd', `${host} redirected the request (HTTP ${status}); Cloud Director does not. Check the site address.`);
  }
  if (status === 400 && parsed.code === 'BUSY_ENTITY') {
    return make('busy', `${host} is busy with another operation on this object${said ? `: “${said}”` : '.'} Try again when it has finished.`);
  }
  if (status >= 400) {
    return make('badRequest', `${host} rejected the request (HTTP ${status})${said ? `: “${said}”` : '.'}`);
  }
  // A 2xx that the caller could not use.
  return make('malformedResponse', `${host} sent an answer that could not be read (HTTP ${status}).`);
}

/** A 2xx answer whose body is not what the API promises (bad XML/JSON). */
export function malformedResponse(res: ResponseLike, ctx: ErrorContext, what: string, cause?: unknown): VcdError {
  const host = hostOf(ctx.baseUrl);
  const requestId = res.requestId === undefined ? undefined : cleanServerText(res.requestId, ctx);
  if (readServerError(res.body, res.contentType).html) {
    return new VcdError(
      'notVcd',
      `${host} answered with a web page instead of the Cloud Director API. Check the site address; a proxy or another web server may be in the way.`,
      { status: res.status, requestId, request: ctx.request, cause },
    );
  }
  return new VcdError('malformedResponse', `${host} sent ${what} that could not be read. The answer may have been cut off or changed on the way.`, {
    status: res.status,
    requestId,
    request: ctx.request,
    cause,
  });
}

/** 32 MB, 64 KB, 900 bytes. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  }
  return bytes >= 1024 ? `${Math.round((bytes / 1024) * 10) / 10} KB` : `${bytes} bytes`;
}

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      codes.push(code);
    }
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && /socket hang up/i.test(message)) {
      codes.push('ECONNRESET');
    }
    if (typeof message === 'string' && /^maxContentLength size of \d+ exceeded$/.test(message)) {
      codes.push('ERR_RESPONSE_TOO_LARGE');
    }
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * The transport error without the request configuration (axios errors carry the request headers, i.e. the
 * Authorization header): only the code and a redacted message survive.
 */
function sanitizedCause(err: unknown, ctx: ErrorContext): Error {
  const codes = codesOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const cause = new Error(cleanServerText(message, ctx));
  if (codes[0] !== undefined) {
    (cause as Error & { code?: string }).code = codes[0];
  }
  return cause;
}

/** The error for a request that got no usable answer. `abort` tells which signal ended it, if any. */
export function errorFromTransport(err: unknown, ctx: ErrorContext, abort?: 'cancelled' | 'timeout'): VcdError {
  if (err instanceof VcdError) {
    return err;
  }
  const host = hostOf(ctx.baseUrl);
  const details = { request: ctx.request, cause: sanitizedCause(err, ctx) };
  if (abort === 'cancelled') {
    return new VcdError('cancelled', 'The request was cancelled.', details);
  }
  if (abort === 'timeout') {
    const seconds = ctx.timeoutMs === undefined ? '' : ` within ${Math.round(ctx.timeoutMs / 100) / 10} seconds`;
    return new VcdError('timeout', `${host} did not answer${seconds}. It may be overloaded or unreachable; try again later.`, details);
  }
  const codes = codesOf(err);
  const has = (set: ReadonlySet<string>): string | undefined => codes.find((c) => set.has(c));
  const withCode = (code: string) => ({ ...details, code });
  let code: string | undefined;
  if ((code = has(HOST_MISMATCH))) {
    return new VcdError('tlsHostMismatch', `The certificate of ${host} was issued for another host name, so the connection was refused.`, withCode(code));
  }
  if ((code = has(EXPIRED))) {
    return new VcdError(
      'tlsExpired',
      `The certificate of ${host} has expired or is not yet valid, so the connection was refused. Ask its administrator to renew it; if you trusted the old certificate for this site, trust the renewed one once the server presents it.`,
      withCode(code),
    );
  }
  if (codes.includes('CERT_PIN_MISMATCH')) {
    return new VcdError(
      'tlsUntrusted',
      `The certificate of ${host} is not trusted and is not the certificate you trusted for this site (its fingerprint differs). The connection was refused.`,
      withCode('CERT_PIN_MISMATCH'),
    );
  }
  if ((code = has(UNTRUSTED))) {
    return new VcdError(
      'tlsUntrusted',
      `The certificate of ${host} is not trusted (self-signed or issued by an unknown authority). Inspect the certificate and trust it for this site, or add its CA.`,
      withCode(code),
    );
  }
  if ((code = codes.find((c) => /^(ERR_SSL_|ERR_TLS_|CERT_|EPROTO$|ERR_OSSL)/.test(c)))) {
    return new VcdError('tlsError', `A secure connection to ${host} could not be established (${code}).`, withCode(code));
  }
  if ((code = has(DNS))) {
    return new VcdError('dns', `The host name ${new URL(ctx.baseUrl).hostname} could not be found. Check the site address.`, withCode(code));
  }
  if ((code = has(UNREACHABLE))) {
    return new VcdError(
      'unreachable',
      `${host} refused the connection or cannot be reached. Check the address and port, and that Cloud Director is running.`,
      withCode(code),
    );
  }
  if ((code = has(TOO_LARGE))) {
    const limit = ctx.maxResponseBytes === undefined ? '' : ` (over ${sizeText(ctx.maxResponseBytes)}, the most this extension reads)`;
    return new VcdError('tooLarge', `${host} sent an answer that is too large${limit}, so it was not read.`, withCode(code));
  }
  if (codes.includes('ETIMEDOUT')) {
    return new VcdError('timeout', `${host} did not answer in time.`, withCode('ETIMEDOUT'));
  }
  if ((code = has(NETWORK))) {
    return new VcdError('network', `The connection to ${host} was interrupted before the answer was complete. Try again.`, withCode(code));
  }
  return new VcdError('network', `The request to ${host} failed${codes[0] ? ` (${codes[0]})` : ''}. Try again.`, details);
}
