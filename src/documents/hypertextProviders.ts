// Raw documents as hypertext: links to follow (same site only), hovers on `Link`s and the outline of `vcd-api` documents.
// A thin shell over the pure ./scan and ./hypertext.
import * as vscode from 'vscode';
import { ApiDocumentScheme } from '../ids';
import type { Site } from '../platform/settings';
import { ApiDocumentProvider } from './apiDocumentProvider';
import { findLinks, linkAt, linkHover, outline, type OutlineSymbol } from './hypertext';
import { scanJson, scanXml, type Node } from './scan';
import { sameResource, type ApiDocumentRef } from './uri';

class ApiLink extends vscode.DocumentLink {
  constructor(range: vscode.Range, readonly ref: ApiDocumentRef) {
    super(range);
  }
}

const KINDS = {
  root: 'Class',
  links: 'Array',
  link: 'Event',
  section: 'Module',
  entity: 'Object',
  object: 'Object',
  array: 'Array',
  value: 'Property',
} as const;

/** The URI of a tab or document already open for the resource (so a followed link shows that tab), if any. */
function openUri(ref: ApiDocumentRef): vscode.Uri | undefined {
  const uris = [
    ...vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri : undefined))),
    ...vscode.workspace.textDocuments.map((d) => d.uri),
  ];
  return uris.find((uri) => {
    try {
      return uri?.scheme === ApiDocumentScheme && sameResource(ApiDocumentProvider.refOf(uri), ref);
    } catch {
      return false;
    }
  });
}

export function registerHypertext(siteOf: (siteId: string) => Site | undefined): vscode.Disposable {
  let last: { key: string; version: number; root?: Node } | undefined;
  const read = (doc: vscode.TextDocument): { ref: ApiDocumentRef; root?: Node; baseUrl?: string } | undefined => {
    let ref: ApiDocumentRef;
    try {
      ref = ApiDocumentProvider.refOf(doc.uri);
    } catch {
      return undefined;
    }
    const key = doc.uri.toString();
    if (last?.key !== key || last.version !== doc.version) {
      last = { key, version: doc.version, root: (ref.format === 'json' ? scanJson : scanXml)(doc.getText()) };
    }
    return { ref, root: last.root, baseUrl: siteOf(ref.siteId)?.baseUrl };
  };
  const range = (doc: vscode.TextDocument, start: number, end: number): vscode.Range => new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const symbols = (doc: vscode.TextDocument, list: OutlineSymbol[]): vscode.DocumentSymbol[] =>
    list.map((s) => {
      const sym = new vscode.DocumentSymbol(s.name, s.detail, vscode.SymbolKind[KINDS[s.kind]], range(doc, s.start, s.end), range(doc, s.selStart, s.selEnd));
      sym.children = symbols(doc, s.children);
      return sym;
    });
  const selector = { scheme: ApiDocumentScheme };
  return vscode.Disposable.from(
    vscode.languages.registerDocumentLinkProvider(selector, {
      provideDocumentLinks(doc) {
        const d = read(doc);
        if (!d?.baseUrl) return [];
        return findLinks(d.root, d.baseUrl).map((l) => {
          // CloudAPI answers JSON only; /api links open in the format of this document.
          const format = /^\/cloudapi(\/|\?|$)/.test(l.apiPath) ? 'json' : d.ref.format;
          const link = new ApiLink(range(doc, l.start, l.end), { siteId: d.ref.siteId, apiPath: l.apiPath, format, label: l.label });
          link.tooltip = `Open in a tab: GET ${l.apiPath.length > 100 ? `${l.apiPath.slice(0, 99)}…` : l.apiPath}`;
          return link;
        });
      },
      resolveDocumentLink(link: ApiLink) {
        link.target = openUri(link.ref) ?? ApiDocumentProvider.uriFor(link.ref);
        return link;
      },
    }),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(doc, position) {
        const d = read(doc);
        const found = d && linkAt(d.root, doc.offsetAt(position));
        if (!found) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(linkHover(found.link, found.owner, d.baseUrl)), range(doc, found.link.start, found.link.end));
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, { provideDocumentSymbols: (doc) => symbols(doc, outline(read(doc)?.root)) }, { label: 'Cloud Director' }),
  );
}
