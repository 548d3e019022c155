// Save as Request File…: the request behind a raw response tab (`vcd-api`) as a new untitled request file
// (`vcd-http`): its site, its request line and its Accept, without the API version (sending adds the negotiated one).
// The person saves it where they like.
import * as vscode from 'vscode';
import { ApiDocumentProvider } from '../documents/apiDocumentProvider';
import { requestFileText } from '../documents/requestFile';
import { ApiDocumentScheme, RequestLanguageId } from '../ids';
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';

export async function saveAsRequest(ctx: CommandContext, arg?: unknown): Promise<vscode.TextDocument> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme !== ApiDocumentScheme) {
    await ctx.ui.message({ severity: 'info', message: 'Save as Request File… works on an API response tab: open one with Open API Response or Open API Path… first.' });
    throw new CancelledByUser();
  }
  const ref = ApiDocumentProvider.refOf(uri);
  const site = ctx.config.site(ref.siteId);
  if (!site) throw new Error(`The site of this document (${ref.siteId}) is no longer configured.`);
  const response = ctx.documents.response(uri);
  const accept = response?.accept ?? (/^\/cloudapi(\/|\?|$)/.test(ref.apiPath) ? 'application/json' : `application/*+${ref.format}`);
  const content = requestFileText({ site: site.name, method: response?.method ?? 'GET', path: ref.apiPath, accept: accept.replace(/;\s*version\s*=[^;,]*/i, '') });
  const doc = await vscode.workspace.openTextDocument({ language: RequestLanguageId, content });
  await vscode.window.showTextDocument(doc);
  return doc;
}
