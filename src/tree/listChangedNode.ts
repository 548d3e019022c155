// The last child of a level whose list changed on the server while it was loaded, twice in a row (another client
// created or deleted objects): what was read is shown above it, possibly incomplete. Click to load the level again.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { contextValue } from './contextValue';
import type { TreeNode } from './node';

export class ListChangedNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    /** What the level holds: "VMs", "vApps". */
    readonly noun: string,
  ) {
    this.id = `${parent.id}|listChanged`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`The list of ${this.noun} changed while loading`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = 'Refresh shows the current state';
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = `The ${this.noun} on the server changed while this list was loaded (another client created or deleted some), so it may be incomplete. Click, or use Refresh, to load the current state.`;
    item.contextValue = contextValue('message', 'listChanged');
    // A node's Refresh passes the node and the selection (see commands/refreshTarget.ts).
    item.command = { command: Commands.refresh, title: 'Refresh', arguments: [this.parent, [this.parent]] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
