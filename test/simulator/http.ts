// Request context, replies and the error bodies VCD sends (legacy XML/JSON, CloudAPI JSON, empty 401).
import type { IncomingMessage } from 'node:http';
import type { Fault } from './types';

export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface Ctx {
  req: IncomingMessage;
  method: string;
  /** Decoded-per-segment is up to the route; this is the raw path without query. */
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  requestId: string;
  base: string;
  accept: string;
  /** Version from the Accept header, if any. */
  acceptVersion?: string;
  /** Version after the gate (set by the router for versioned routes). */
  version: string;
  body(): Promise<string>;
  /** A `failTask` fault picked for this request: the task it starts ends in error. */
  failTask?: Extract<Fault, { kind: 'failTask' }>;
}

export function xmlEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 38: out += '&amp;'; break;
      case 60: out += '&lt;'; break;
      case 62: out += '&gt;'; break;
      case 34: out += '&quot;'; break;
      case 39: out += '&apos;'; break;
      case 9: out += '&#9;'; break;
      case 10: out += '&#10;'; break;
      case 13: out += '&#13;'; break;
      default: out += s[i];
    }
  }
  return out;
}

export function wantsJson(accept: string): boolean {
  return /\+json|application\/json/i.test(accept);
}

export function xmlReply(status: number, mediaType: string, version: string, body: string, extra: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'Content-Type': `${mediaType};version=${version}`, ...extra }, body };
}

export function jsonReply(status: number, value: unknown, contentType: string, extra: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'Content-Type': contentType, ...extra }, body: JSON.stringify(value) };
}

export function cloudJson(ctx: Ctx, status: number, value: unknown, extra: Record<string, string | string[]> = {}): Reply {
  return jsonReply(status, value, `application/json;version=${ctx.version}`, extra);
}

export function empty(status: number, extra: Record<string, string> = {}): Reply {
  return { status, headers: { ...extra }, body: undefined };
}

/** 401 with an empty body, as VCD sends for a missing, expired or revoked bearer token. */
export function unauthorized(): Reply {
  return empty(401);
}

/** Legacy API error: XML `<Error>` (or its JSON twin when the client asked for +json). */
export function legacyError(ctx: Ctx, status: number, minor: string, message: string, version?: string): Reply {
  const v = version ?? ctx.version;
  const text = `[ ${ctx.requestId} ] ${message}`;
  if (wantsJson(ctx.accept)) {
    return jsonReply(status, { minorErrorCode: minor, message: text, majorErrorCode: status, stackTrace: null, otherAttributes: {}, tenantError: null, vendorSpecificErrorCode: null },
      `application/vnd.vmware.vcloud.error+json;version=${v}`);
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error xmlns="http://www.vmware.com/vcloud/v1.5" minorErrorCode="${xmlEscape(minor)}" message="${xmlEscape(text)}" majorErrorCode="${status}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.vmware.com/vcloud/v1.5 ${ctx.base}/api/v1.5/schema/master.xsd"></Error>\n`;
  return xmlReply(status, 'application/vnd.vmware.vcloud.error+xml', v, body);
}

/** CloudAPI / OAuth error body `{minorErrorCode, message, stackTrace}`. */
export function cloudError(ctx: Ctx, status: number, minor: string, message: string): Reply {
  return jsonReply(status, { minorErrorCode: minor, message: `[ ${ctx.requestId} ] ${message}`, stackTrace: null },
    `application/json;version=${ctx.version}`);
}

export const FORBIDDEN_MSG = 'Either you need some or all of the following rights [ORG_VDC_VIEW] to perform operations [VDC_VIEW] for unknown or the target entity is invalid.';
