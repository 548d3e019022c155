// A VM: name, power state in words, a state-coloured icon, a rich tooltip; clicking opens its raw response.
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { statusInWords, type VmRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { contextValue, stateOfStatus } from './contextValue';
import { type ResourceNode, type TreeContext, type TreeNode, resourceNodeId } from './node';
import { busyLine, operationWords, runningDescription, vmIcon, vmTooltip } from './present';

export class VmNode implements ResourceNode {
  readonly id: string;
  readonly href: string;
  readonly name: string;

  constructor(
    private readonly ctx: Pick<TreeContext, 'tasks'>,
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
    // A task started here shows what it does; one the list says runs (from anywhere) makes the VM busy.
    const running = this.ctx.tasks.runningFor(this.id);
    const busy = running !== undefined || r.isBusy === true;
    item.description = running
      ? runningDescription(running.action, running.task.status, running.task.progress)
      : r.isBusy ? `${statusInWords(r.status)} · Busy` : statusInWords(r.status);
    const icon = vmIcon(r.status, busy);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = contextValue('vm', busy ? 'busy' : stateOfStatus(r.status));
    const what = running
      ? `${item.description} (started from this window)`
      : r.isBusy ? `${operationWords(r.taskStatusName)} is ${r.taskStatus ?? 'running'}` : undefined;
    item.tooltip = new vscode.MarkdownString(vmTooltip(r, this.names) + (what ? busyLine(what) : ''));
    item.command = { command: Commands.openResponse, title: 'Open API Response', arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}
