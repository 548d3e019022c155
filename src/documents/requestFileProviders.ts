// What request files (`vcd-http`) get in the editor: a Send CodeLens above each request, and completions: after a
// method, the API paths of the `vcd-api` documents open in this window (links on their own site only) and the query
// types; in an Accept or Content-Type header, the media types the client knows.
import * as vscode from 'vscode';
import { ApiDocumentScheme, Commands, RequestLanguageId } from '../ids';
import { MEDIA_TYPES, RECORD_ELEMENT } from '../vcd';
import { parseRequestFile } from './requestFile';
import { apiPathOfHref, fromUriComponents } from './uri';

/** Paths offered at most, and characters of one document looked through for links. */
const MAX_PATHS = 500;
const MAX_SCANNED_CHARS = 2 * 1024 * 1024;
const MAX_HREF_CHARS = 2048;
/** `href="…"` (XML) and `"href": "…"` (JSON). */
const HREF = /href"?\s*[:=]\s*"([^"\s]+)"/g;
const AFTER_METHOD = /^\s*(?:GET|POST|PUT|DELETE)\s+(\S*)$/i;
const IN_MEDIA_TYPE = /^\s*(?:Accept|Content-Type)\s*:\s*(\S*)$/i;

/** The API paths linked from the open `vcd-api` documents, each on its own site, deduplicated and capped. */
export function openDocumentPaths(baseUrlOf: (siteId: string) => string | undefined): string[] {
  const paths = new Set<string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== ApiDocumentScheme) continue;
    let baseUrl: string | undefined;
    try {
      baseUrl = baseUrlOf(fromUriComponents({ path: doc.uri.path, query: doc.uri.query }).siteId);
    } catch {
      continue;
    }
    if (baseUrl === undefined) continue;
    for (const m of doc.getText().slice(0, MAX_SCANNED_CHARS).matchAll(HREF)) {
      const path = m[1].length <= MAX_HREF_CHARS ? apiPathOfHref(m[1].replace(/&amp;/g, '&'), baseUrl) : undefined;
      if (path !== undefined && /^\/(api|cloudapi)(\/|\?|$)/.test(path)) paths.add(path);
      if (paths.size >= MAX_PATHS) return [...paths];
    }
  }
  return [...paths];
}

export function registerRequestFiles(baseUrlOf: (siteId: string) => string | undefined): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: RequestLanguageId };
  // Links first, then the query types, each in its order.
  const items = (values: readonly string[], kind: vscode.CompletionItemKind, range: vscode.Range, detail: string, group = 'a'): vscode.CompletionItem[] =>
    values.map((value, i) => Object.assign(new vscode.CompletionItem(value, kind), { range, detail, sortText: `${group}${String(i).padStart(4, '0')}` }));
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider(selector, {
      provideCodeLenses: (doc) =>
        parseRequestFile(doc.getText())
          .requests.filter((r) => r.method !== '')
          .map((r) => new vscode.CodeLens(new vscode.Range(r.line, 0, r.line, 0), {
            title: 'Send',
            tooltip: `Send ${r.method} ${r.path.slice(0, 200)} to ${r.site === undefined ? 'a site you pick' : `site ${r.site}`}`,
            command: Commands.sendRequest,
            arguments: [doc.uri, r.line],
          })),
    }),
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems: (doc, position) => {
          const before = doc.lineAt(position.line).text.slice(0, position.character);
          if (before.length > 4096) return undefined;
          const path = AFTER_METHOD.exec(before);
          const media = path ? null : IN_MEDIA_TYPE.exec(before);
          const typed = path?.[1] ?? media?.[1];
          if (typed === undefined) return undefined;
          const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
          if (media) return items(MEDIA_TYPES, vscode.CompletionItemKind.Value, range, 'Media type');
          return [
            ...items(openDocumentPaths(baseUrlOf), vscode.CompletionItemKind.Reference, range, 'Linked from an open API response'),
            ...items(Object.keys(RECORD_ELEMENT).map((t) => `/api/query?type=${t}`), vscode.CompletionItemKind.Value, range, 'Query service', 'b'),
          ];
        },
      },
      '/',
      ':',
      ' ',
    ),
  );
}
