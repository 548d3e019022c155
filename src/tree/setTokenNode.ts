// Shown under a site whose API token is missing or was rejected: says so and offers Set API Token….
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { contextValue } from './contextValue';
import type { Site } from '../platform/settings';
import type { TreeNode } from './node';

export type TokenProblem = 'noToken' | 'rejected';

export class SetTokenNode implements TreeNode {
  readonly id: string;

  /** `parent`: the site's node (the command is given it, as from the site's own menu). */
  constructor(readonly parent: TreeNode & { readonly site: Site }, readonly problem: TokenProblem, readonly message?: string) {
    this.id = `${parent.id}|setToken`;
  }

  getTreeItem(): vscode.TreeItem {
    const label = this.problem === 'noToken' ? 'No API token stored — Set API Token…' : 'API token rejected — Set API Token…';
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = contextValue('setToken', this.problem);
    item.tooltip =
      this.problem === 'noToken'
        ? 'This site has no API token yet. Create one in the VCD portal (User preferences → API Tokens) and store it here.'
        : `The server did not accept this site's API token (it may have been revoked, or belong to another organization).${this.message ? `\n\n${this.message}` : ''}`;
    item.command = { command: Commands.setToken, title: 'Set API Token…', arguments: [this.parent] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
