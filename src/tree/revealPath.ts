// The path to a VM for TreeView.reveal, built from the VM's query record without listing anything: stand-ins with
// the ids the tree gives its nodes (site, then `site.id|href` of the organization, VDC, vApp and VM). VS Code climbs
// the stand-ins with getParent, then finds each real node by id among its parent's children, listing (through the
// provider and its refresh queue) what is not loaded yet. A node that is not among its parent's children as listed
// (beyond vcd.maxChildren, or the listing is out of date) cannot be found.
//
// VS Code 1.100 (extHostTreeViews.ts, reveal) rejects only when the revealed node itself cannot be found; when an
// ancestor cannot, it logs the error and resolves as if it had revealed. So the path is revealed one level at a time
// from the site down (revealSteps), and the level that fails is the one that rejects.
import * as vscode from 'vscode';
import type { Site } from '../platform/settings';
import { resourceNodeId, type TreeNode } from './node';
import { siteNodeId } from './siteNode';

class PathNode implements TreeNode {
  constructor(readonly id: string, readonly parent: TreeNode | undefined) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}

export interface VmPath {
  orgHref: string;
  vdcHref: string;
  vappHref: string;
  vmHref: string;
}

export type RevealLevel = 'site' | 'org' | 'vdc' | 'vapp' | 'vm';

/** The stand-ins of Site → Organization → VDC → vApp → VM, top first: reveal them in this order. */
export function vmRevealSteps(site: Site, path: VmPath): { level: RevealLevel; node: TreeNode }[] {
  const siteNode = new PathNode(siteNodeId(site), undefined);
  const org = new PathNode(resourceNodeId(site, path.orgHref), siteNode);
  const vdc = new PathNode(resourceNodeId(site, path.vdcHref), org);
  const vapp = new PathNode(resourceNodeId(site, path.vappHref), vdc);
  const vm = new PathNode(resourceNodeId(site, path.vmHref), vapp);
  return [
    { level: 'site', node: siteNode },
    { level: 'org', node: org },
    { level: 'vdc', node: vdc },
    { level: 'vapp', node: vapp },
    { level: 'vm', node: vm },
  ];
}
