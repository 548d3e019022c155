// Opens the raw response of an API path of a site in a read-only `vcd-api` editor tab: one tab per resource
// (site + API path + format), named after the resource (e.g. "db (primary).xml"). A tab already open for the
// resource — from the tree, Open API Path… or an earlier refresh — is reloaded and shown instead of a new one.
import * as vscode from 'vscode';
import { ApiDocumentProvider } from '../../documents/apiDocumentProvider';
import { sameResource, type ApiDocumentRef } from '../../documents/uri';
import { ApiDocumentScheme } from '../../ids';
import type { Site } from '../../platform/settings';
import type { CommandContext } from './context';

/** The URI of a tab or document already open for this resource, if any. */
function openUriFor(ref: ApiDocumentRef): vscode.Uri | undefined {
  const candidates = [
    ...vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri : undefined)),
    ...vscode.workspace.textDocuments.map((d) => d.uri),
  ];
  return candidates.find((uri) => {
    if (uri?.scheme !== ApiDocumentScheme || ApiDocumentProvider.isSent(uri)) return false;
    try {
      return sameResource(ApiDocumentProvider.refOf(uri), ref);
    } catch {
      return false;
    }
  });
}

export async function openApiDocument(ctx: CommandContext, site: Site, apiPath: string, name?: string): Promise<vscode.TextDocument> {
  // CloudAPI answers JSON only; vcd.responseFormat chooses between XML and JSON for /api.
  const format = /^\/cloudapi(\/|$|\?)/.test(apiPath) ? 'json' : ctx.config.settings.responseFormat;
  const ref: ApiDocumentRef = { siteId: site.id, apiPath, format, label: name };
  const uri = openUriFor(ref) ?? ApiDocumentProvider.uriFor(ref);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `GET ${apiPath}` }, () => ctx.documents.load(uri));
  const doc = await ctx.documents.withLanguage(await vscode.workspace.openTextDocument(uri));
  await vscode.window.showTextDocument(doc, { preview: true });
  return doc;
}
