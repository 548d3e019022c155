// Raw GETs for the read-only documents: the body exactly as received, with status, content type, request id,
// timing and the request line. A non-2xx answer throws VcdError whose serverMessage carries the (redacted) body.
import { VcdError } from './errors';
import { HttpResponse } from './http';
import { ErrorContext, errorFromResponse } from './mapError';
import { redactWith } from './redact';
import { looksLikeHtml } from './serverError';
import { RawResponse } from './types';
import { hostOf } from './url';

export function toRawResponse(res: HttpResponse, accept: string, apiVersion: string): RawResponse {
  const raw: RawResponse = {
    method: 'GET',
    url: res.url,
    requestLine: `GET ${res.url} HTTP/1.1`,
    accept,
    apiVersion,
    status: res.status,
    statusText: res.statusText,
    body: res.body,
    durationMs: res.durationMs,
    receivedAt: res.receivedAt,
  };
  if (res.contentType !== undefined) {
    raw.contentType = res.contentType;
  }
  if (res.requestId !== undefined) {
    raw.requestId = res.requestId;
  }
  return raw;
}

/** Throws for a raw answer that is not a usable API document. */
export function checkRawResponse(res: HttpResponse, ctx: ErrorContext): void {
  if (res.status >= 200 && res.status < 300) {
    if (looksLikeHtml(res.body, res.contentType)) {
      throw new VcdError('notVcd', `${hostOf(ctx.baseUrl)} answered with a web page instead of the Cloud Director API. Check the site address.`, {
        status: res.status,
        requestId: res.requestId === undefined ? undefined : redactWith(res.requestId, ctx.secrets ?? []),
        request: ctx.request,
      });
    }
    return;
  }
  const err = errorFromResponse(res, ctx);
  throw new VcdError(err.kind, err.message, {
    status: err.status,
    code: err.code,
    // The whole answer, so the document can show what the server said (redacted like every server text, also with
    // the request's own secrets: a server may echo the token it was sent).
    serverMessage: res.body === '' ? err.serverMessage : redactWith(res.body, ctx.secrets ?? []),
    requestId: err.requestId,
    request: err.request,
    retryAfterSeconds: err.retryAfterSeconds,
  });
}
