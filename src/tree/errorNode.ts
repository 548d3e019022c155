// A failed load: the error in the user's terms, click (or inline action) to retry, Show Log next to it.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { contextValue } from './contextValue';
import { escapeMarkdown } from './present';
import type { TreeNode } from './node';

export class ErrorNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string, readonly detail?: string) {
    this.id = `${parent.id}|error`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = 'Retry';
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = contextValue('error');
    const tooltip = new vscode.MarkdownString(
      `${escapeMarkdown(this.message)}${this.detail ? `\n\n${escapeMarkdown(this.detail)}` : ''}\n\nClick to retry. Details are in the log ([Show Log](command:${Commands.showLog})).`,
    );
    tooltip.isTrusted = { enabledCommands: [Commands.showLog] };
    item.tooltip = tooltip;
    item.command = { command: Commands.retry, title: 'Retry', arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
