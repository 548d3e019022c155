// The HTTP layer: one axios instance per connection, a keep-alive agent, the site's trust as TLS options on every
// request (they survive VS Code's network layer, see tls.ts), a timeout and an AbortSignal on every request, a client
// request id, bodies as text exactly as received, a size cap, and the log hook (one redacted info line per request;
// headers and bodies at trace). Never follows redirects (the token stays home). No proxy of its own: inside VS Code,
// its network layer sends requests through the proxy the person configured (http.proxy, HTTPS_PROXY).
import * as http from 'node:http';
import * as https from 'node:https';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { VcdError } from './errors';
import { ErrorContext, Operation, errorFromTransport } from './mapError';
import { RATE_LIMIT_DEFAULT_WAIT_SECONDS, RATE_LIMIT_MAX_WAIT_SECONDS, parseRetryAfter } from './rateLimit';
import { redactWith } from './redact';
import { SiteTrustResolver, TrustOptions } from './tls';
import { ConnectionOptions, LogEntry, LogLevel } from './types';
import { hostOf } from './url';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest body accepted by default (a 128-record page is ~100 KB; entity documents are far smaller). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
const TRACE_BODY_CHARS = 16_384;
const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** A path on the site ('/api/...') or an absolute URL on the same host (checked by the caller). */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Values that must never reach a log line (API token, password, assertion); redacted besides the patterns. */
  secrets?: readonly string[];
  operation?: Operation;
  org?: string;
  apiVersion?: string;
}

export interface HttpResponse {
  url: string;
  /** `GET /api/query?type=vm&page=2` (path and query, redacted). */
  request: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  contentType?: string;
  requestId?: string;
  body: string;
  durationMs: number;
  receivedAt: string;
  /** The request's secrets: every text made from this answer (error messages, logs) is redacted with them. */
  secrets: readonly string[];
}

export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly agent: http.Agent;
  private readonly trust: SiteTrustResolver;
  /** The site's TLS options, set by `send` before a request is handed to axios. */
  private tlsOptions: TrustOptions = {};
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly minLevel: number;
  private readonly clientIdPrefix = randomUUID().slice(0, 8);
  private sequence = 0;

  constructor(
    readonly conn: ConnectionOptions,
    options: { maxSockets?: number } = {},
  ) {
    this.timeoutMs = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = conn.maxResponseBytes ?? MAX_BODY_BYTES;
    this.minLevel = LEVELS.indexOf(conn.logLevel ?? 'debug');
    const maxSockets = Math.max(16, options.maxSockets ?? 16);
    const secure = new URL(conn.baseUrl).protocol === 'https:';
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
    this.trust = new SiteTrustResolver(conn.baseUrl, conn.trust, conn.onTrustedCertificate, this.timeoutMs, conn.probeProxy);
    // The module's request function is looked up at call time: inside VS Code that is the patched one.
    const transport = {
      request: (options: https.RequestOptions, callback: (res: http.IncomingMessage) => void): http.ClientRequest =>
        secure ? https.request({ ...options, ...this.tlsOptions }, callback) : http.request(options, callback),
    };
    this.axios = axios.create({
      baseURL: conn.baseUrl,
      httpsAgent: secure ? this.agent : undefined,
      httpAgent: secure ? undefined : this.agent,
      transport,
      // No proxy handling in axios: VS Code's network layer applies the person's proxy settings.
      proxy: false,
      maxRedirects: 0,
      responseType: 'text',
      responseEncoding: 'utf8',
      transformResponse: [(data: unknown) => data],
      transitional: { silentJSONParsing: false, forcedJSONParsing: false, clarifyTimeoutError: true },
      validateStatus: () => true,
      // Counted after decompression, so a small compressed answer cannot inflate past it.
      maxContentLength: this.maxResponseBytes,
      maxBodyLength: MAX_BODY_BYTES,
      decompress: true,
    });
  }

  get baseUrl(): string {
    return this.conn.baseUrl;
  }

  /**
   * Sends one request. Resolves with any HTTP status; rejects (VcdError) only when there is no answer.
   * A 429 whose `Retry-After` is at most RATE_LIMIT_MAX_WAIT_SECONDS is waited out (logged, reported to
   * `onRateLimited`, cancelled by the caller's signal) and the request sent exactly once more; whatever that answers
   * is returned, so a second 429, or one that asks for a longer wait, reaches the caller (kind 'rateLimited').
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url, this.conn.baseUrl);
    const secrets = req.secrets ?? [];
    const requestLine = redactWith(`${req.method} ${url.pathname}${url.search}`, secrets);
    const ctx: ErrorContext = {
      baseUrl: this.conn.baseUrl,
      org: req.org,
      operation: req.operation,
      request: requestLine,
      path: url.pathname,
      apiVersion: req.apiVersion,
      timeoutMs: this.timeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      secrets,
    };
    const first = await this.sendOnce(req, url, requestLine, ctx);
    if (first.status !== 429) {
      return first;
    }
    const seconds = parseRetryAfter(first.headers['retry-after']) ?? RATE_LIMIT_DEFAULT_WAIT_SECONDS;
    if (seconds > RATE_LIMIT_MAX_WAIT_SECONDS) {
      return first;
    }
    const host = hostOf(this.conn.baseUrl);
    this.log('info', () => `${host} is limiting requests (HTTP 429): waiting ${seconds} s before sending ${requestLine} once more`, secrets);
    try {
      this.conn.onRateLimited?.({ host, seconds });
    } catch {
      // a failing status message must not fail the request
    }
    try {
      await sleep(seconds * 1000, undefined, req.signal === undefined ? undefined : { signal: req.signal });
    } catch (err) {
      this.log('debug', () => `${requestLine} -> cancelled while waiting for the rate limit`, secrets);
      throw errorFromTransport(err, ctx, 'cancelled');
    }
    return this.sendOnce(req, url, requestLine, ctx);
  }

  private async sendOnce(req: HttpRequest, url: URL, requestLine: string, ctx: ErrorContext): Promise<HttpResponse> {
    const secrets = ctx.secrets ?? [];
    if (req.signal?.aborted) {
      throw errorFromTransport(new Error('aborted'), ctx, 'cancelled');
    }
    const headers: Record<string, string> = {
      'X-VMWARE-VCLOUD-CLIENT-REQUEST-ID': `${this.clientIdPrefix}-${++this.sequence}`,
      ...(this.conn.userAgent === undefined ? {} : { 'User-Agent': this.conn.userAgent }),
      ...req.headers,
    };
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = req.signal === undefined ? timeout : AbortSignal.any([req.signal, timeout]);
    this.log('trace', () => `${requestLine} request headers: ${JSON.stringify(headers)}${req.body === undefined ? '' : `\nbody: ${req.body}`}`, secrets);
    const started = performance.now();
    let res: AxiosResponse<string>;
    try {
      this.tlsOptions = await this.trust.options(signal, ctx);
      res = await this.axios.request<string>({
        method: req.method,
        url: url.href,
        headers,
        data: req.body,
        signal,
      });
    } catch (err) {
      const durationMs = Math.round(performance.now() - started);
      const abort = req.signal?.aborted ? 'cancelled' : timeout.aborted ? 'timeout' : undefined;
      // The timeout also ends a wait for shared work (the trust resolution), which reports itself as cancelled.
      const error = abort === 'timeout' && err instanceof VcdError && err.kind === 'cancelled' ? errorFromTransport(new Error('timeout'), ctx, abort) : errorFromTransport(err, ctx, abort);
      this.log(error.kind === 'cancelled' ? 'debug' : 'info', () => `${requestLine} -> ${describeFailure(error)} (${durationMs} ms)`, secrets);
      throw error;
    }
    const durationMs = Math.round(performance.now() - started);
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers as Record<string, unknown>)) {
      if (value !== undefined && value !== null) {
        responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
      }
    }
    const body = typeof res.data === 'string' ? res.data : res.data === undefined || res.data === null ? '' : String(res.data);
    const requestId = responseHeaders['x-vmware-vcloud-request-id'];
    this.log('info', () => `${requestLine} -> ${res.status} (${durationMs} ms)`, secrets);
    this.log(
      'trace',
      () =>
        `${requestLine} response ${res.status} headers: ${JSON.stringify(responseHeaders)}\nbody (${body.length} chars): ${
          body.length > TRACE_BODY_CHARS ? `${body.slice(0, TRACE_BODY_CHARS)}…` : body
        }`,
      secrets,
    );
    return {
      url: url.href,
      request: requestLine,
      status: res.status,
      statusText: res.statusText ?? '',
      headers: responseHeaders,
      contentType: responseHeaders['content-type'],
      requestId,
      body,
      durationMs,
      receivedAt: new Date().toISOString(),
      secrets,
    };
  }

  /** The error context of a response, for mapping non-2xx answers (it carries the request's secrets). */
  context(res: HttpResponse, req: Pick<HttpRequest, 'operation' | 'org' | 'apiVersion'>): ErrorContext {
    return {
      baseUrl: this.conn.baseUrl,
      org: req.org,
      operation: req.operation,
      request: res.request,
      path: new URL(res.url).pathname,
      apiVersion: req.apiVersion,
      timeoutMs: this.timeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      secrets: res.secrets,
    };
  }

  /** Closes pooled connections. */
  close(): void {
    this.agent.destroy();
  }

  private log(level: LogLevel, message: () => string, secrets: readonly string[]): void {
    const hook = this.conn.log;
    if (hook === undefined || LEVELS.indexOf(level) < this.minLevel) {
      return;
    }
    const entry: LogEntry = { level, message: redactWith(message(), secrets) };
    try {
      hook(entry);
    } catch {
      // a failing log sink must not fail the request
    }
  }
}

function describeFailure(error: VcdError): string {
  return error.kind === 'cancelled' ? 'cancelled' : `failed: ${error.kind}${error.code ? ` ${error.code}` : ''}`;
}
