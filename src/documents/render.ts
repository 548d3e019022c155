// Pure rendering of a raw API response into document text. The body is kept byte for byte:
// for XML the request facts go into one comment right after the XML declaration (the document stays
// well-formed XML); for JSON they are `//` lines before the body (the document is JSON with comments, shown in
// VS Code's `jsonc` mode; the body after the preamble parses as JSON exactly as received).
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

/** `//` lines: each fact on its own line, so no server text can end the comment and leak into the JSON. */
function jsonPreamble(lines: string[]): string {
  return lines.map((l) => `// ${l.replace(/[\r\n\u2028\u2029]+/g, ' ')}\n`).join('');
}

export function renderResponse(r: RawResponse, format: DocumentFormat): string {
  if (format === 'json') return `${jsonPreamble(requestSummary(r))}${r.body}`;
  const comment = xmlComment(requestSummary(r));
  const decl = /^\uFEFF?<\?xml[^>]*\?>/.exec(r.body);
  if (decl) return `${decl[0]}\n${comment}${r.body.slice(decl[0].length)}`;
  return r.body === '' ? `${comment}\n` : `${comment}\n${r.body}`;
}

/** What the document shows when the request failed (no body to keep). */
export function renderFailure(request: string, message: string, format: DocumentFormat): string {
  if (format === 'json') return jsonPreamble([request, ...message.split('\n')]);
  return `${xmlComment([request, message])}\n`;
}
