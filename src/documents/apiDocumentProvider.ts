// Read-only `vcd-api` documents: the raw response of one API resource per tab, refreshable.
import * as vscode from 'vscode';
import { ApiDocumentScheme } from '../ids';
import { messageOf } from '../platform/errorText';
import type { Log } from '../platform/log';
import type { Site } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import { VcdError, type RawResponse } from '../vcd';
import { renderFailure, renderResponse } from './render';
import { fromUriComponents, toUriComponents, type ApiDocumentRef } from './uri';

export interface ApiDocumentProviderOptions {
  clients: SiteClients;
  site: (siteId: string) => Site | undefined;
  log: Log;
}

/** Answers to requests of request files kept in memory at most (their tabs keep their text). */
export const MAX_SENT_RESPONSES = 20;

export class ApiDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly responses = new Map<string, RawResponse>();
  private readonly failures = new Map<string, string>();
  private readonly closeSubscription: vscode.Disposable;
  /** Documents whose language mode is being set (VS Code closes and reopens them for that). */
  private readonly switchingLanguage = new Set<string>();
  /** The answers to requests of request files still kept, oldest first (see keepSent). */
  private readonly sent: string[] = [];
  private sentCount = 0;

  constructor(private readonly options: ApiDocumentProviderOptions) {
    this.closeSubscription = vscode.Disposable.from(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // A change of language mode closes and reopens the document: keep its response meanwhile.
        if (doc.uri.scheme === ApiDocumentScheme && !this.switchingLanguage.has(doc.uri.toString())) {
          this.responses.delete(doc.uri.toString());
          this.failures.delete(doc.uri.toString());
        }
      }),
      // Tabs restored after a reload open by their `.json` name: give them the mode their `//` preamble needs too.
      vscode.workspace.onDidOpenTextDocument((doc) => void this.withLanguage(doc)),
    );
    for (const doc of vscode.workspace.textDocuments) void this.withLanguage(doc);
  }

  /** JSON documents carry a `//` preamble: JSON with Comments (`jsonc`), so VS Code does not flag it as an error. */
  async withLanguage(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
    if (doc.uri.scheme !== ApiDocumentScheme || doc.languageId !== 'json') return doc;
    const key = doc.uri.toString();
    this.switchingLanguage.add(key);
    try {
      return await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    } finally {
      this.switchingLanguage.delete(key);
    }
  }

  static uriFor(ref: ApiDocumentRef): vscode.Uri {
    return vscode.Uri.from({ scheme: ApiDocumentScheme, ...toUriComponents(ref) });
  }

  /** An answer to a request of a request file (see keepSent): not another tab of its resource. */
  static isSent(uri: vscode.Uri): boolean {
    return new URLSearchParams(uri.query).has('sent');
  }

  static refOf(uri: vscode.Uri): ApiDocumentRef {
    return fromUriComponents({ path: uri.path, query: uri.query });
  }

  /** The last response shown in this document, if any. */
  response(uri: vscode.Uri): RawResponse | undefined {
    return this.responses.get(uri.toString());
  }

  /**
   * Keeps the answer to a request sent from a request file under a URI of its own (`&sent=<n>`), in memory only: it
   * may answer a POST, so it is never fetched again (refresh, or a tab restored after its answer was dropped, says to
   * send it again). The newest MAX_SENT_RESPONSES are kept besides the ones closed with their tabs.
   */
  keepSent(ref: ApiDocumentRef, response: RawResponse): vscode.Uri {
    const base = ApiDocumentProvider.uriFor(ref);
    const uri = base.with({ query: `${base.query}&sent=${++this.sentCount}` });
    this.responses.set(uri.toString(), response);
    this.sent.push(uri.toString());
    while (this.sent.length > MAX_SENT_RESPONSES) this.responses.delete(this.sent.shift()!);
    return uri;
  }

  /** Fetches the resource (throws VcdError), remembers it and updates an open document. */
  async load(uri: vscode.Uri, signal?: AbortSignal): Promise<RawResponse> {
    if (ApiDocumentProvider.isSent(uri)) {
      throw new VcdError('invalidInput', 'This tab shows the answer to a request sent from a request file; it is not sent again from here. Send it again from its file.');
    }
    const ref = ApiDocumentProvider.refOf(uri);
    const site = this.options.site(ref.siteId);
    if (!site) throw new Error(`The site of this document (${ref.siteId}) is no longer configured.`);
    const response = await this.options.clients.client(site).getRaw(ref.apiPath, { format: ref.format }, signal);
    this.responses.set(uri.toString(), response);
    this.failures.delete(uri.toString());
    this.emitter.fire(uri);
    return response;
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = ApiDocumentProvider.refOf(uri);
    let response = this.responses.get(uri.toString());
    if (!response) {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        response = await this.load(uri, controller.signal);
      } catch (err) {
        const message = messageOf(err);
        this.options.log.warn(`Could not load ${ref.apiPath} for ${ref.siteId}: ${message}`);
        this.failures.set(uri.toString(), message);
        return renderFailure(`GET ${ref.apiPath}`, message, ref.format);
      } finally {
        sub.dispose();
      }
    }
    return renderResponse(response, ref.format);
  }

  dispose(): void {
    this.closeSubscription.dispose();
    this.emitter.dispose();
  }
}
