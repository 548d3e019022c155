// Which nodes of the Sites view a Refresh invocation means, from the arguments VS Code passes. Measured in
// code-server 1.100 (VS Code 1.100.3) on a view whose nodes can be selected several at once (canSelectMany):
//   view/item/context (inline and menu): the node, and the selected nodes when it is one of several selected
//                                        (else undefined);
//   view/title:                          the focused node (or undefined), and the same selection argument;
//   palette and keybindings:             no argument.
// A title's command cannot be told from a node's, so the view title has its own command (vcd.refreshView, the
// whole view); vcd.refresh with a node reloads that node (or the selection it is part of), without one the whole
// view. Pure: no vscode import.
import type { TreeNode } from '../../tree/node';

export function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'getChildren' in value && 'getTreeItem' in value && typeof (value as TreeNode).id === 'string';
}

/** The nodes to reload; empty means the whole view. */
export function refreshTargets(args: readonly unknown[]): TreeNode[] {
  if (!isTreeNode(args[0])) return [];
  const [node, selection] = args;
  const selected = Array.isArray(selection) ? selection.filter(isTreeNode) : [];
  // A multi-selection that includes the clicked node means "these nodes"; otherwise the clicked one.
  return selected.some((n) => n === node || n.id === node.id) ? selected : [node];
}
