// Request files (`*.vcd-http`, language `vcd-http`), in the shape of REST clients' HTTP files:
//
//   # @site Acme                      <- the site of this request and of those after it (else Send asks)
//   POST /api/vApp/vm-1/power/action/powerOn
//   Accept: application/*+json        <- headers up to the first empty line
//                                     <- then the body, up to the next `###`
//   ###                               <- between requests
//
// `#` and `//` start comment lines (outside a body). A file comes from anywhere: it is read up to a size, a number of
// requests and of headers, with linear patterns only. Pure: no vscode import.
import { MAX_REQUEST_HEADERS } from '../vcd';

export const MAX_REQUEST_FILE_CHARS = 1024 * 1024;
export const MAX_REQUESTS = 500;
/** Lines longer than this are not read as a request line or header (their problem is reported). */
const MAX_LINE_CHARS = 8192;

export interface FileRequest {
  /** Upper case, as written (Send refuses what VCD does not take). */
  method: string;
  path: string;
  headers: [string, string][];
  body?: string;
  /** The `# @site` name in force on its request line. */
  site?: string;
  /** Zero-based lines: its block (from its `###`, or the file's start, to the line before the next), its request line. */
  startLine: number;
  line: number;
  endLine: number;
  /** Why it cannot be sent as written. */
  problem?: string;
}

export interface RequestFile {
  requests: FileRequest[];
  /** Why the file, or part of it, was not read. */
  problem?: string;
}

const SEPARATOR = /^\s*###/;
const COMMENT = /^\s*(?:#|\/\/)/;
const SITE = /^\s*(?:#|\/\/)\s*@site\s(.*)$/;
const REQUEST_LINE = /^\s*([A-Za-z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?\s*$/;
const HEADER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:(.*)$/;

const quote = (line: string): string => `“${line.trim().slice(0, 60)}${line.trim().length > 60 ? '…' : ''}”`;

export function parseRequestFile(text: string): RequestFile {
  if (text.length > MAX_REQUEST_FILE_CHARS) {
    return { requests: [], problem: `The file has ${text.length} characters; request files are read up to ${MAX_REQUEST_FILE_CHARS} (1 MB).` };
  }
  const lines = text.split(/\r?\n/);
  const requests: FileRequest[] = [];
  let site: string | undefined;
  let current: FileRequest | undefined;
  let state: 'before' | 'headers' | 'body' = 'before';
  let body: string[] = [];
  let blockStart = 0;
  const finish = (endLine: number): void => {
    if (current) {
      while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
      if (body.length > 0) current.body = body.join('\n');
      current.endLine = endLine;
    }
    current = undefined;
    body = [];
    state = 'before';
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SEPARATOR.test(line)) {
      finish(i - 1);
      if (requests.length >= MAX_REQUESTS) return { requests, problem: `Only the first ${MAX_REQUESTS} requests of the file are read.` };
      blockStart = i;
      continue;
    }
    if (state === 'body') {
      if (body.length > 0 || line.trim() !== '') body.push(line);
      continue;
    }
    if (line.trim() === '') {
      if (state === 'headers') state = 'body';
      continue;
    }
    const long = line.length > MAX_LINE_CHARS;
    const directive = long ? null : SITE.exec(line);
    if (directive) {
      site = directive[1].trim() || undefined;
      continue;
    }
    if (COMMENT.test(line)) continue;
    if (current === undefined) {
      const m = long ? null : REQUEST_LINE.exec(line);
      current = { method: m ? m[1].toUpperCase() : '', path: m ? m[2] : '', headers: [], site, startLine: blockStart, line: i, endLine: i };
      if (!m) current.problem = `Line ${i + 1}: ${quote(line)} is not a request such as GET /api/org.`;
      requests.push(current);
      state = 'headers';
      continue;
    }
    const header = long ? null : HEADER.exec(line);
    if (!header) {
      current.problem ??= `Line ${i + 1}: ${quote(line)} is not a header (Name: value); an empty line goes before a body.`;
    } else if (current.headers.length >= MAX_REQUEST_HEADERS) {
      current.problem ??= `A request may have at most ${MAX_REQUEST_HEADERS} headers.`;
    } else {
      current.headers.push([header[1], header[2].trim()]);
    }
  }
  finish(lines.length - 1);
  return { requests };
}

/** The request whose block holds the line (the line of its request, its comments, headers or body). */
export function requestAt(file: RequestFile, line: number): FileRequest | undefined {
  return file.requests.find((r) => r.startLine <= line && line <= r.endLine);
}

/** A request file that sends this request again (Save as Request File…): the site, the request line, its Accept. */
export function requestFileText(request: { site: string; method: string; path: string; accept?: string }): string {
  const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();
  const lines = [`# @site ${oneLine(request.site)}`, `${request.method} ${oneLine(request.path)}`];
  if (request.accept) lines.push(`Accept: ${oneLine(request.accept)}`);
  return `${lines.join('\n')}\n`;
}
