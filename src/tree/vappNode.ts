// A vApp. Children: its VMs (adminVM / vm filtered by container; VMs of vApp templates excluded).
import * as vscode from 'vscode';
import { filterAnd, filterEq, statusInWords, type VAppRecord, type VmRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { contextValue, stateOfStatus } from './contextValue';
import { listChildren } from './listing';
import { type ResourceNode, type TreeContext, type TreeNode, resourceNodeId } from './node';
import { busyLine, operationWords, runningDescription, vappIcon, vappTooltip } from './present';
import { VmNode } from './vmNode';

export class VAppNode implements ResourceNode {
  readonly id: string;
  readonly href: string;
  readonly name: string;

  constructor(
    private readonly ctx: TreeContext,
    readonly parent: TreeNode,
    readonly site: Site,
    readonly record: VAppRecord,
    readonly names: { orgName: string; vdcName: string },
  ) {
    this.href = record.href;
    this.name = record.name;
    this.id = resourceNodeId(site, record.href);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.record;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const running = this.ctx.tasks.runningFor(this.id);
    const busy = running !== undefined || r.isBusy === true;
    item.description = running
      ? runningDescription(running.action, running.task.status, running.task.progress)
      : r.isBusy ? `${statusInWords(r.status)} · Busy` : statusInWords(r.status);
    const icon = busy ? { id: 'loading~spin' } : vappIcon(r.status);
    item.iconPath = new vscode.ThemeIcon(icon.id, 'color' in icon && icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = contextValue('vapp', busy ? 'busy' : stateOfStatus(r.status));
    const what = running
      ? `${item.description} (started from this window)`
      : r.isBusy ? `${operationWords(r.taskStatusName)} is ${r.taskStatus ?? 'running'}` : undefined;
    item.tooltip = new vscode.MarkdownString(vappTooltip({ ...r, vdcName: r.vdcName ?? this.names.vdcName }, { orgName: this.names.orgName }) + (what ? busyLine(what) : ''));
    return item;
  }

  getChildren(signal?: AbortSignal): Promise<TreeNode[]> {
    const make = (vm: VmRecord) => new VmNode(this.ctx, this, this.site, vm, { ...this.names, vappName: this.name });
    return listChildren({
      ctx: this.ctx,
      parent: this,
      site: this.site,
      type: this.site.isSystem ? 'adminVM' : 'vm',
      filter: filterAnd(filterEq('container', this.href), filterEq('isVAppTemplate', 'false')),
      noun: 'VMs',
      make,
      signal,
    });
  }
}
