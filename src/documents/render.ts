// Pure rendering of a raw API response into document text. The body is kept byte for byte:
// for XML the request facts go into one comment right after the XML declaration (the document stays
// well-formed XML); JSON bodies are shown exactly as received (the facts are in the status bar item).
import type { RawResponse } from '../vcd';
import type { DocumentFormat } from './uri';

/** The request facts as lines: request line, status, API version, duration, time. */
export function requestSummary(r: RawResponse): string[] {
  const lines = [
    `${r.method} ${r.url}`,
    `${r.status} ${r.statusText}`.trim() + ` · API ${r.apiVersion} · ${r.durationMs} ms · ${r.receivedAt}`,
    `Accept: ${r.accept}`,
  ];
  if (r.contentType) lines.push(`Content-Type: ${r.contentType}`);
  if (r.requestId) lines.push(`Request id: ${r.requestId}`);
  return lines;
}

function xmlComment(lines: string[]): string {
  // "--" may not appear inside an XML comment.
  const safe = lines.map((l) => `  ${l.replace(/-(?=-)/g, '- ')}`);
  return `<!--\n${safe.join('\n')}\n-->`;
}

export function renderResponse(r: RawResponse, format: DocumentFormat): string {
  if (format === 'json') return r.body;
  const comment = xmlComment(requestSummary(r));
  const decl = /^\uFEFF?<\?xml[^>]*\?>/.exec(r.body);
  if (decl) return `${decl[0]}\n${comment}${r.body.slice(decl[0].length)}`;
  return r.body === '' ? `${comment}\n` : `${comment}\n${r.body}`;
}

/** What the document shows when the request failed (no body to keep). */
export function renderFailure(request: string, message: string, format: DocumentFormat): string {
  if (format === 'json') return `// ${request}\n// ${message.replace(/\n/g, '\n// ')}\n`;
  return `${xmlComment([request, message])}\n`;
}
