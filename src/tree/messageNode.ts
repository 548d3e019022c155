// An informational leaf, e.g. "No vApps".
import * as vscode from 'vscode';
import { contextValue } from './contextValue';
import type { TreeNode } from './node';

export class MessageNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string) {
    this.id = `${parent.id}|message`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = contextValue('message');
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
