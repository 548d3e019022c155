// Refresh: the whole view, one node (and below), or the raw response document it was invoked on.
import * as vscode from 'vscode';
import { ApiDocumentScheme } from '../ids';
import type { TreeNode } from '../tree/node';
import type { CommandContext } from './context';

export async function refresh(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const uri = arg instanceof vscode.Uri ? arg : undefined;
  if (uri?.scheme === ApiDocumentScheme) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Refreshing API response' }, () =>
      ctx.documents.load(uri),
    );
    return uri;
  }
  const node = typeof arg === 'object' && arg !== null && 'getChildren' in arg ? (arg as TreeNode) : undefined;
  ctx.tree.refresh(node);
  return undefined;
}
