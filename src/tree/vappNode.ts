// A vApp. Children: its VMs (adminVM / vm filtered by container; VMs of vApp templates excluded).
import * as vscode from 'vscode';
import { filterAnd, filterEq, type VAppRecord, type VmRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { contextValue, stateOfStatus } from './contextValue';
import { listChildren } from './listing';
import { type ResourceNode, type TreeContext, type TreeNode, resourceNodeId } from './node';
import { statusInWords, vappIcon, vappTooltip } from './present';
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
    item.description = statusInWords(r.status);
    const icon = vappIcon(r.status);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = contextValue('vapp', stateOfStatus(r.status));
    item.tooltip = new vscode.MarkdownString(vappTooltip({ ...r, vdcName: r.vdcName ?? this.names.vdcName }, { orgName: this.names.orgName }));
    return item;
  }

  getChildren(signal?: AbortSignal): Promise<TreeNode[]> {
    const make = (vm: VmRecord) => new VmNode(this, this.site, vm, { ...this.names, vappName: this.name });
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
