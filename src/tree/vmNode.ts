// A VM: name, power state in words, a state-coloured icon, a rich tooltip; clicking opens its raw response.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { VmRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { contextValue, stateOfStatus } from './contextValue';
import { type ResourceNode, type TreeNode, resourceNodeId } from './node';
import { statusInWords, vmIcon, vmTooltip } from './present';

export class VmNode implements ResourceNode {
  readonly id: string;
  readonly href: string;
  readonly name: string;

  constructor(
    readonly parent: TreeNode,
    readonly site: Site,
    readonly record: VmRecord,
    readonly names: { orgName: string; vdcName: string; vappName: string },
  ) {
    this.href = record.href;
    this.name = record.name;
    this.id = resourceNodeId(site, record.href);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.record;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = r.isBusy ? `${statusInWords(r.status)} · Busy` : statusInWords(r.status);
    const icon = vmIcon(r.status, r.isBusy);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = contextValue('vm', stateOfStatus(r.status));
    item.tooltip = new vscode.MarkdownString(vmTooltip(r, this.names));
    item.command = { command: Commands.openResponse, title: 'Open API Response', arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
