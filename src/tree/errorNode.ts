// A failed load: the error in the user's terms, click (or inline action) to retry, Show Log next to it. When the
// site's certificate is the problem, clicking offers Trust Certificate… for that site instead (retrying cannot help).
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { contextValue } from './contextValue';
import { escapeMarkdown } from './present';
import type { TreeNode } from './node';

/** What fixes the failure: trying again, or trusting the site's certificate. */
export type ErrorFix = { kind: 'retry' } | { kind: 'trustCertificate'; siteId: string };

export class ErrorNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string, readonly detail?: string, readonly fix: ErrorFix = { kind: 'retry' }) {
    this.id = `${parent.id}|error`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const trust = this.fix.kind === 'trustCertificate';
    item.description = trust ? 'Trust Certificate…' : 'Retry';
    item.iconPath = new vscode.ThemeIcon(trust ? 'shield' : 'error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = contextValue('error', trust ? 'certificate' : undefined);
    const action = trust ? 'Click to see the certificate and decide whether to trust it for this site.' : 'Click to retry.';
    const tooltip = new vscode.MarkdownString(
      `${escapeMarkdown(this.message)}${this.detail ? `\n\n${escapeMarkdown(this.detail)}` : ''}\n\n${action} Details are in the log ([Show Log](command:${Commands.showLog})).`,
    );
    tooltip.isTrusted = { enabledCommands: [Commands.showLog] };
    item.tooltip = tooltip;
    item.command =
      this.fix.kind === 'trustCertificate'
        ? { command: Commands.trustCertificate, title: 'Trust Certificate…', arguments: [this.fix.siteId] }
        : { command: Commands.retry, title: 'Retry', arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
