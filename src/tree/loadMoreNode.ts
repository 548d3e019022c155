// The last child of a level that has more children than `vcd.maxChildren`: click to list more.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { contextValue } from './contextValue';
import type { TreeNode } from './node';

export class LoadMoreNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly shown: number, readonly total: number) {
    this.id = `${parent.id}|loadMore`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.shown} of ${this.total} shown`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = contextValue('loadMore');
    item.command = { command: Commands.loadMore, title: 'Load More', arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
