// Opens the raw response of an API path of a site in a read-only `vcd-api` editor tab.
import * as vscode from 'vscode';
import { ApiDocumentProvider } from '../documents/apiDocumentProvider';
import type { Site } from '../platform/settings';
import type { CommandContext } from './context';

export async function openApiDocument(ctx: CommandContext, site: Site, apiPath: string): Promise<vscode.TextDocument> {
  const uri = ApiDocumentProvider.uriFor({ siteId: site.id, apiPath, format: ctx.config.settings.responseFormat });
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `GET ${apiPath}` }, () => ctx.documents.load(uri));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  return doc;
}
