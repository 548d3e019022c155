// A VDC. Children: its vApps (adminVApp / vApp filtered by vdc).
import * as vscode from 'vscode';
import { filterEq, type VAppRecord, type VdcRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { contextValue, stateOfStatus } from './contextValue';
import { listChildren } from './listing';
import { type ResourceNode, type TreeContext, type TreeNode, resourceNodeId } from './node';
import { count, vdcTooltip } from './present';
import { VAppNode } from './vappNode';

export class VdcNode implements ResourceNode {
  readonly id: string;
  readonly href: string;
  readonly name: string;

  constructor(
    private readonly ctx: TreeContext,
    readonly parent: TreeNode,
    readonly site: Site,
    readonly record: VdcRecord,
    readonly orgName: string,
  ) {
    this.href = record.href;
    this.name = record.name;
    this.id = resourceNodeId(site, record.href);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.record;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const parts = [count(r.numberOfVApps, 'vApp'), r.isEnabled === false ? 'Disabled' : undefined];
    item.description = parts.filter(Boolean).join(' · ') || undefined;
    item.iconPath = new vscode.ThemeIcon('server', r.isEnabled === false ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.contextValue = contextValue('vdc', stateOfStatus(r.status ?? 'UNKNOWN'));
    item.tooltip = new vscode.MarkdownString(vdcTooltip({ ...r, orgName: r.orgName ?? this.orgName }));
    return item;
  }

  getChildren(signal?: AbortSignal): Promise<TreeNode[]> {
    const make = (vapp: VAppRecord) => new VAppNode(this.ctx, this, this.site, vapp, { orgName: this.orgName, vdcName: this.name });
    return listChildren({
      ctx: this.ctx,
      parent: this,
      site: this.site,
      type: this.site.isSystem ? 'adminVApp' : 'vApp',
      filter: filterEq('vdc', this.href),
      noun: 'vApps',
      make,
      signal,
    });
  }
}
