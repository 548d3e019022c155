// An organization. Children: its VDCs (adminOrgVdc filtered by org on a System site, orgVdc on a tenant site).
import * as vscode from 'vscode';
import { filterEq, type OrgRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { contextValue } from './contextValue';
import { listChildren } from './listing';
import { type ResourceNode, type TreeContext, type TreeNode, resourceNodeId } from './node';
import { count, escapeMarkdown } from './present';
import { VdcNode } from './vdcNode';

export class OrgNode implements ResourceNode {
  readonly id: string;
  readonly href: string;
  readonly name: string;

  constructor(private readonly ctx: TreeContext, readonly parent: TreeNode, readonly site: Site, readonly record: OrgRecord) {
    this.href = record.href;
    this.name = record.name;
    this.id = resourceNodeId(site, record.href);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.record;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const parts = [r.displayName && r.displayName !== r.name ? r.displayName : undefined, r.isEnabled === false ? 'Disabled' : undefined];
    item.description = parts.filter(Boolean).join(' · ') || undefined;
    item.iconPath = new vscode.ThemeIcon('organization', r.isEnabled === false ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.contextValue = contextValue('org', r.isEnabled === false ? 'disabled' : 'enabled');
    const lines = [
      `### ${escapeMarkdown(r.name)}`,
      '',
      r.displayName ? `**Full name:** ${escapeMarkdown(r.displayName)}  ` : '',
      r.numberOfVdcs !== undefined ? `**VDCs:** ${count(r.numberOfVdcs, 'VDC') ?? ''}  ` : '',
      r.numberOfVApps !== undefined ? `**vApps:** ${r.numberOfVApps}  ` : '',
      `**Enabled:** ${r.isEnabled === false ? 'no' : 'yes'}`,
    ];
    item.tooltip = new vscode.MarkdownString(lines.filter((l, i) => l !== '' || i === 1).join('\n'));
    return item;
  }

  getChildren(signal?: AbortSignal): Promise<TreeNode[]> {
    const common = { ctx: this.ctx, parent: this, site: this.site, noun: 'VDCs', signal };
    const make = (vdc: import('../vcd').VdcRecord) => new VdcNode(this.ctx, this, this.site, vdc, this.name);
    return this.site.isSystem
      ? listChildren({ ...common, type: 'adminOrgVdc', filter: filterEq('org', this.href), make })
      : listChildren({ ...common, type: 'orgVdc', make });
  }
}
