// Reads the error a server put in a response body: legacy XML <Error>, CloudAPI JSON, OAuth JSON, or nothing.
import { attr, parseXml, rootElement } from './xml';

export interface ServerErrorBody {
  /** minorErrorCode, or the OAuth `error`. */
  code?: string;
  message?: string;
  majorErrorCode?: number;
  /** The body looked like an HTML page (a proxy, a portal, another web server). */
  html: boolean;
  /** The body was empty. */
  empty: boolean;
  /** The body was a JSON object (CloudAPI and OAuth errors are; `code` then came from `minorErrorCode` or `error`). */
  json: boolean;
}

/** True when a body is an HTML page rather than VCD XML/JSON. */
export function looksLikeHtml(body: string, contentType?: string): boolean {
  if (contentType !== undefined && /text\/html|application\/xhtml/i.test(contentType)) {
    return true;
  }
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(body);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readServerError(body: string, contentType?: string): ServerErrorBody {
  const text = body.trim();
  if (text === '') {
    return { html: false, empty: true, json: false };
  }
  if (looksLikeHtml(text, contentType)) {
    return { html: true, empty: false, json: false };
  }
  if (text.startsWith('{')) {
    try {
      const json: unknown = JSON.parse(text);
      if (json !== null && typeof json === 'object') {
        const o = json as Record<string, unknown>;
        const major = typeof o.majorErrorCode === 'number' ? o.majorErrorCode : Number(o.majorErrorCode);
        return {
          code: stringField(o.minorErrorCode) ?? stringField(o.error),
          message: stringField(o.message) ?? stringField(o.error_description),
          majorErrorCode: Number.isFinite(major) ? major : undefined,
          html: false,
          empty: false,
          json: true,
        };
      }
    } catch {
      // not JSON after all: fall through, report as unreadable
    }
    return { html: false, empty: false, json: false };
  }
  if (text.startsWith('<')) {
    try {
      const { name, element } = rootElement(parseXml(text));
      if (name === 'Error') {
        const major = Number(attr(element, 'majorErrorCode'));
        return {
          code: attr(element, 'minorErrorCode'),
          message: attr(element, 'message'),
          majorErrorCode: Number.isFinite(major) ? major : undefined,
          html: false,
          empty: false,
          json: false,
        };
      }
    } catch {
      // unreadable XML error body: keep the status only
    }
  }
  return { html: false, empty: false, json: false, message: text.length <= 300 ? text : undefined };
}
