// Which part of the Sites view a Refresh invocation means, from the arguments VS Code passes. Measured in
// code-server 1.100 (VS Code 1.100.3):
//   view/title:                    one argument, the focused node (or undefined when nothing is focused);
//   view/item/context (inline and menu): two arguments, the node and the selected nodes (or undefined);
//   palette and keybindings:       no argument.
// So the title's Refresh (one argument at most) reloads the whole view although a node may be focused, and
// a node's Refresh (two arguments) reloads that node. Pure: no vscode import.
import type { TreeNode } from '../tree/node';

export function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'getChildren' in value && 'getTreeItem' in value && typeof (value as TreeNode).id === 'string';
}

/** The nodes to reload; empty means the whole view. */
export function refreshTargets(args: readonly unknown[]): TreeNode[] {
  if (args.length < 2 || !isTreeNode(args[0])) return [];
  const [node, selection] = args;
  const selected = Array.isArray(selection) ? selection.filter(isTreeNode) : [];
  // A multi-selection that includes the clicked node means "these nodes"; otherwise the clicked one.
  return selected.some((n) => n === node || n.id === node.id) ? selected : [node];
}
