// Refresh: the raw response document it was invoked on, one node (its own menu or inline action), or the
// whole view (view title, palette). See refreshTarget.ts for how the invocations are told apart.
import * as vscode from 'vscode';
import { ApiDocumentScheme } from '../ids';
import type { CommandContext } from './support/context';
import { refreshTargets } from './support/refreshTarget';

export async function refresh(ctx: CommandContext, ...args: unknown[]): Promise<unknown> {
  const uri = args[0] instanceof vscode.Uri ? args[0] : undefined;
  if (uri?.scheme === ApiDocumentScheme) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Refreshing API response' }, () =>
      ctx.documents.load(uri),
    );
    return uri;
  }
  const nodes = refreshTargets(args);
  if (nodes.length === 0) await ctx.tree.refresh();
  else await Promise.all(nodes.map((node) => ctx.tree.refresh(node)));
  return undefined;
}
